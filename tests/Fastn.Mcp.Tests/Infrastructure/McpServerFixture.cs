using System.Net;
using System.Net.Http.Json;
using Fastn.Tests.Support;
using ModelContextProtocol.Client;

namespace Fastn.Mcp.Tests.Infrastructure;

/// <summary>
/// The real Fastn server (real Kestrel on 127.0.0.1, embedded silo, SQLite) with the test connectors, shared by
/// the gateway tests; each test uses tenants of its own.
/// </summary>
public sealed class McpServerFixture : IAsyncLifetime
{
    public FastnServerHost Host { get; private set; } = null!;

    public Uri Endpoint => new(Host.BaseUrl + "/mcp");

    public static string NewTenant() => "t-" + Guid.NewGuid().ToString("N")[..12];

    public async ValueTask InitializeAsync() =>
        Host = await FastnServerHost.StartAsync([McpTestConnectors.NotesConnector(), McpTestConnectors.TasksConnector(), McpCdmConnectors.PeopleConnector(), McpCdmConnectors.CrmConnector()]);

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    /// <summary>An MCP client over Streamable HTTP with the admin key (or <paramref name="apiKey"/>) for <paramref name="tenant"/>.</summary>
    public async Task<McpClient> ClientAsync(string? tenant, string? apiKey = null, string? protocolVersion = null)
    {
        var headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + (apiKey ?? Host.AdminKey) };
        if (tenant is not null)
        {
            headers["x-fastn-space-tenantid"] = tenant;
        }

        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        });
        return await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion }, cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Connects one of the test connectors for a tenant through the REST API; returns the connection id.</summary>
    public async Task<string> ConnectAsync(string tenant, string connector, string apiKey, string? displayName = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/connections")
        {
            Content = JsonContent.Create(new { connector, credentials = new Dictionary<string, string> { ["api_key"] = apiKey }, displayName }),
        };
        request.Headers.Authorization = new("Bearer", Host.AdminKey);
        request.Headers.Add("x-fastn-space-tenantid", tenant);
        using var response = await Host.Http.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var body = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(TestContext.Current.CancellationToken);
        return body.GetProperty("id").GetString()!;
    }
}

using Fastn.Client.Errors;
using Fastn.Client.Models;
using Fastn.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Client.Tests;

/// <summary>Constructing the client, the DI extension and connect sessions.</summary>
[Collection(ClientServerCollection.Name)]
public sealed class FastnClientSetupTests(ClientServerFixture fixture)
{
    private FastnServerHost Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddFastnClient_ResolvedFromDi_TalksToTheServerAsTheTenant()
    {
        var tenant = ClientServerFixture.NewTenant();
        var services = new ServiceCollection();
        services.AddFastnClient(o =>
        {
            o.BaseUrl = new Uri(Server.BaseUrl);
            o.ApiKey = Server.AdminKey;
            o.TenantId = tenant;
        });
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<FastnClient>();
        var connection = await client.CreateConnectionAsync(new CreateConnectionRequest(TestConnectors.Echo, new Dictionary<string, string> { ["api_key"] = "k" }), Ct);

        client.TenantId.ShouldBe(tenant);
        connection.TenantId.ShouldBe(tenant);
    }

    [Fact]
    public async Task Constructor_HttpClientWithBaseAddress_UsesIt()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var client = new FastnClient(http, Server.AdminKey);

        var connectors = await client.ListConnectorsAsync(cancellationToken: Ct);

        client.BaseUrl.ShouldBe(new Uri(Server.BaseUrl + "/"));
        connectors.ShouldNotBeEmpty();
    }

    [Fact]
    public void Constructor_HttpClientWithoutBaseAddress_ExplainsWhatIsMissing()
    {
        using var http = new HttpClient();

        var ex = Should.Throw<ArgumentException>(() => new FastnClient(http, "fk_x"));

        ex.Message.ShouldContain("BaseUrl");
    }

    [Fact]
    public void WithTenant_NewClient_KeepsServerAndChangesTenant()
    {
        using var client = Server.Client("a");

        var other = client.WithTenant("b");

        other.TenantId.ShouldBe("b");
        other.BaseUrl.ShouldBe(client.BaseUrl);
        client.TenantId.ShouldBe("a");
    }

    [Fact]
    public async Task CreateConnectSessionAsync_ForTenant_TokenUrlAndExpiry()
    {
        using var client = Server.Client();
        var tenant = ClientServerFixture.NewTenant();

        var session = await client.CreateConnectSessionAsync(new CreateConnectSessionRequest(tenant, ["acme-crm"], ExpiresInSeconds: 600), Ct);

        session.Token.ShouldNotBeNullOrWhiteSpace();
        session.Url.ShouldStartWith(Server.BaseUrl + "/connect?");
        session.Url.ShouldContain(Uri.EscapeDataString(session.Token));
        session.TenantId.ShouldBe(tenant);
        session.AllowedConnectors.ShouldBe(["acme-crm"]);
        session.ExpiresAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(5));
        session.ExpiresAt.ShouldBeLessThan(DateTimeOffset.UtcNow.AddMinutes(11));
    }

    [Fact]
    public async Task CreateConnectSessionAsync_UnregisteredReturnUrl_ValidationException()
    {
        using var client = Server.Client();

        var ex = await Should.ThrowAsync<FastnValidationException>(() => client.CreateConnectSessionAsync(
            new CreateConnectSessionRequest(ClientServerFixture.NewTenant(), ReturnUrl: "https://evil.example/back"), Ct));

        ex.Path.ShouldNotBeNull().ShouldContain("returnUrl");
    }

    [Fact]
    public async Task Workspace_UpdateAndRedirectUrls_RoundTrip()
    {
        using var client = Server.Client();

        var updated = await client.UpdateWorkspaceAsync("Client Test Co", cancellationToken: Ct);
        var fetched = await client.GetWorkspaceAsync(Ct);
        var stored = await client.SetRedirectUrlsAsync(["https://app.example/connected"], Ct);
        var listed = await client.ListRedirectUrlsAsync(Ct);

        updated.Name.ShouldBe("Client Test Co");
        fetched.Id.ShouldBe(updated.Id);
        fetched.Name.ShouldBe("Client Test Co");
        stored.ShouldBe(["https://app.example/connected"]);
        listed.ShouldBe(stored);
    }

    [Fact]
    public async Task ListEventsAsync_AfterAcmeConnect_ConnectionCreatedForTheTenant()
    {
        using var client = Server.Client();
        var tenant = ClientServerFixture.NewTenant();
        var connectionId = await AcmeBrowser.ConnectAsync(Server, tenant);

        var page = await client.ListEventsAsync(type: "connection.created", limit: 200, cancellationToken: Ct);

        var created = page.Items.Where(e => e.TenantId == tenant).ShouldHaveSingleItem();
        created.Type.ShouldBe("connection.created");
        (created.Subject == connectionId || created.Data?.ToJsonString().Contains(connectionId, StringComparison.Ordinal) == true).ShouldBeTrue(created.Data?.ToJsonString());
    }
}

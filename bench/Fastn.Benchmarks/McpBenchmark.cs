using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.BuiltIn;
using Fastn.Engine.Hosting;
using Fastn.Server;
using ModelContextProtocol.Client;

namespace Fastn.Benchmarks;

/// <summary>
/// The MCP gateway: <c>tools/list</c> latency with every built-in connector's actions connected for one tenant, and
/// <c>tools/call</c> against <c>POST /api/v1/connections/{id}/actions/{action}</c> for the same action (a loopback
/// stub), both through the official MCP client and HttpClient, in one run.
/// </summary>
public static class McpBenchmark
{
    public static async Task RunAsync(TimeSpan warmup, TimeSpan duration)
    {
        var machine = ResultsFile.MachineLine();
        var payload = Encoding.UTF8.GetBytes("""{"id":"item_1","name":"Widget","price":12.5,"tags":["a","b"]}""");
        var stub = WebApplication.CreateSlimBuilder();
        stub.WebHost.UseUrls("http://127.0.0.1:0");
        stub.Logging.ClearProviders();
        var stubApp = stub.Build();
        stubApp.MapGet("/items/{id}", async ctx =>
        {
            ctx.Response.ContentType = "application/json";
            await ctx.Response.Body.WriteAsync(payload);
        });
        await stubApp.StartAsync();
        var stubUrl = new Uri(stubApp.Urls.First());

        var echo = new ConnectorDefinition
        {
            Name = "bench-echo",
            DisplayName = "Bench echo",
            BaseUrl = stubUrl + "/",
            Auth = Auth.ApiKeyHeader("X-Api-Key"),
            Actions = { Define.Action<ItemRequest, Item>("get_item", "Get an item.", (i, ctx, ct) => ctx.Http.GetJsonAsync<Item>($"items/{i.Id}", ct), ActionHints.Read("items")) },
        };

        // Every built-in's actions, with their real schemas and hints, under API-key auth so that one tenant can connect
        // all of them without the apps' consent pages; tools/list then lists what it would with the built-ins connected.
        var builtIns = BuiltInConnectors.All("http://127.0.0.1:9/sandbox").Select(d =>
        {
            var copy = new ConnectorDefinition
            {
                Name = "bench-" + d.Name,
                DisplayName = d.DisplayName,
                Description = d.Description,
                BaseUrl = stubUrl + "/",
                Auth = Auth.ApiKeyHeader("X-Api-Key"),
            };
            foreach (var action in d.Actions)
            {
                copy.Actions.Add(action);
            }

            return copy;
        }).ToList();

        var data = Directory.CreateTempSubdirectory("fastn-bench-mcp-").FullName;
        var port = Fastn.Server.Hosting.FreePort.Next();
        const string adminKey = "fk_benchmcpadminkey01234567890abc";
        var app = FastnServer.Build([
            $"--urls=http://127.0.0.1:{port}", $"--Fastn:PublicBaseUrl=http://127.0.0.1:{port}", $"--Fastn:Storage:DataDirectory={data}",
            "--Fastn:Cluster:SiloPort=0", "--Fastn:Cluster:GatewayPort=0", "--Fastn:EnableSandbox=false", $"--Fastn:Bootstrap:AdminApiKey={adminKey}",
            $"--Fastn:Http:AllowedPrivateHosts:0=127.0.0.1:{stubUrl.Port}", "--Logging:LogLevel:Default=Warning",
        ], b =>
        {
            var fastn = b.Services.AddFastn().AddConnector(echo);
            foreach (var d in builtIns)
            {
                fastn.AddConnector(d);
            }
        });
        await app.StartAsync();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), MaxConnectionsPerServer = 64 }) { BaseAddress = baseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        http.DefaultRequestHeaders.Add("x-fastn-space-tenantid", "bench-tenant");
        var echoConnection = await ConnectAsync(http, "bench-echo");
        foreach (var d in builtIns)
        {
            await ConnectAsync(http, d.Name);
        }

        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(baseUrl, "mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + adminKey, ["x-fastn-space-tenantid"] = "bench-tenant" },
        });
        await using var mcp = await McpClient.CreateAsync(transport);
        var listed = await mcp.ListToolsAsync();
        var toolCount = listed.Count;
        var listBytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(listed.Select(t => t.ProtocolTool).ToList()).Length;

        async Task ListTools(CancellationToken ct) => await mcp.ListToolsAsync(cancellationToken: ct);

        var arguments = new Dictionary<string, object?> { ["id"] = "item_1" };
        async Task CallTool(CancellationToken ct)
        {
            var result = await mcp.CallToolAsync("bench_echo_get_item", arguments, cancellationToken: ct);
            if (result.IsError is true)
            {
                throw new InvalidOperationException("tools/call answered isError");
            }
        }

        var body = Encoding.UTF8.GetBytes("""{"id":"item_1"}""");
        async Task CallRest(CancellationToken ct)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync($"api/v1/connections/{echoConnection}/actions/get_item", content, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(ct);
        }

        // The same tools/list as one plain JSON-RPC POST, to tell the server's share from the client's parsing.
        var rpc = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{}}""");
        async Task ListToolsRaw(CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "mcp") { Content = new ByteArrayContent(rpc) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Accept.ParseAdd("application/json");
            request.Headers.Accept.ParseAdd("text/event-stream");
            request.Headers.Add("MCP-Protocol-Version", "2025-06-18");
            using var response = await http.SendAsync(request, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(ct);
        }

        var listRaw = await LoadDriver.RunAsync("tools/list raw", 1, warmup, duration, ListToolsRaw);
        Console.WriteLine($"tools/list as a plain POST: p50 {listRaw.Percentile(0.5):0} µs");
        var list = await LoadDriver.RunAsync("tools/list", 1, warmup, duration, ListTools);
        Console.WriteLine($"tools/list ({toolCount} tools, {listBytes / 1024} KiB): {list.Throughput:0}/s p50 {list.Percentile(0.5):0} µs p99 {list.Percentile(0.99):0} µs");
        var calls = new List<(LoadResult Api, LoadResult Tool)>();
        foreach (var concurrency in new[] { 1, 16 })
        {
            var rest = await LoadDriver.RunAsync("REST action", concurrency, warmup, duration, CallRest);
            var tool = await LoadDriver.RunAsync("tools/call", concurrency, warmup, duration, CallTool);
            calls.Add((rest, tool));
            Console.WriteLine($"c={concurrency}: REST {rest.Throughput:0}/s p50 {rest.Percentile(0.5):0} µs | tools/call {tool.Throughput:0}/s p50 {tool.Percentile(0.5):0} µs");
        }

        await app.StopAsync();
        await stubApp.StopAsync();

        var md = new StringBuilder();
        md.AppendLine("## MCP gateway (`dotnet run --project bench/Fastn.Benchmarks -c Release -- mcp`)").AppendLine();
        md.AppendLine(machine).AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"One tenant with every built-in connector's actions connected ({toolCount} tools, {listBytes / 1024} KiB of tool descriptions; the built-ins' real action schemas and hints, re-registered under API-key auth so they connect without consent pages) plus a `bench-echo` connector whose `get_item` calls a loopback stub. The official MCP client over Streamable HTTP (stateless server); REST through HttpClient; closed loop, {duration.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s per run after a {warmup.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s warm-up, everything on the same 2 cores.").AppendLine();
        md.AppendLine("| measure | result | target |");
        md.AppendLine("|---|---|---|");
        md.AppendLine(CultureInfo.InvariantCulture, $"| tools/list p50 (1 caller) | {list.Percentile(0.5) / 1000:0.00} ms (p99 {list.Percentile(0.99) / 1000:0.00} ms) | ≤ 5 ms |");
        md.AppendLine(CultureInfo.InvariantCulture, $"| tools/list p50 as a plain JSON-RPC POST (no client parsing) | {listRaw.Percentile(0.5) / 1000:0.00} ms (p99 {listRaw.Percentile(0.99) / 1000:0.00} ms) | |");
        foreach (var (rest, tool) in calls)
        {
            var overhead = (tool.Percentile(0.5) - rest.Percentile(0.5)) / rest.Percentile(0.5);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {rest.Concurrency} caller(s): tools/call p50 vs REST p50 | {tool.Percentile(0.5):0} µs vs {rest.Percentile(0.5):0} µs ({overhead:+0%;-0%}); {tool.Throughput:0}/s vs {rest.Throughput:0}/s | overhead ≤ 10 % |");
        }

        await ResultsFile.WriteSectionAsync("mcp", md.ToString());
        Directory.Delete(data, recursive: true);
    }

    private static async Task<string> ConnectAsync(HttpClient http, string connector)
    {
        using var content = new StringContent(new JsonObject { ["connector"] = connector, ["credentials"] = new JsonObject { ["api_key"] = "bench-secret-key" } }.ToJsonString(),
            Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("api/v1/connections", content);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"connecting {connector} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!["id"]!.GetValue<string>();
    }
}

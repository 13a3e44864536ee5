using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;
using Fastn.Engine.Hosting;
using Fastn.Server;

namespace Fastn.Benchmarks;

/// <summary>
/// End-to-end flow runs: a 3-step flow (inbound HTTP trigger answering with the output → transform → connector action
/// against a loopback stub) on the embedded SQLite default, against the raw ceiling measured in the same run — a bare
/// Kestrel endpoint doing the same three things directly (read the JSON body, compute, call the stub, answer).
/// </summary>
public static class FlowsBenchmark
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

        // The raw ceiling: the same three calls made directly, on a bare Kestrel.
        using var rawUpstream = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { BaseAddress = stubUrl };
        var rawBuilder = WebApplication.CreateSlimBuilder();
        rawBuilder.WebHost.UseUrls("http://127.0.0.1:0");
        rawBuilder.Logging.ClearProviders();
        var rawApp = rawBuilder.Build();
        rawApp.MapPost("/raw", async (HttpContext http) =>
        {
            var body = await JsonNode.ParseAsync(http.Request.Body);
            var id = "item_" + body!["n"]!.GetValue<int>();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/items/" + id);
            request.Headers.Add("X-Api-Key", "bench-secret-key");
            using var response = await rawUpstream.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var item = await JsonSerializer.DeserializeAsync<Item>(await response.Content.ReadAsStreamAsync(), ConnectorJson.Options);
            return Results.Json(new JsonObject { ["name"] = item!.Name });
        });
        await rawApp.StartAsync();

        var definition = new ConnectorDefinition
        {
            Name = "bench-echo",
            DisplayName = "Bench echo",
            BaseUrl = stubUrl + "/",
            Auth = Auth.ApiKeyHeader("X-Api-Key"),
            Actions = { Define.Action<ItemRequest, Item>("get_item", "Get an item.", (i, ctx, ct) => ctx.Http.GetJsonAsync<Item>($"items/{i.Id}", ct)) },
        };

        var data = Directory.CreateTempSubdirectory("fastn-bench-flows-").FullName;
        var port = Fastn.Server.Hosting.FreePort.Next();
        const string adminKey = "fk_benchflowsadminkey0123456789ab";
        var app = FastnServer.Build([
            $"--urls=http://127.0.0.1:{port}", $"--Fastn:PublicBaseUrl=http://127.0.0.1:{port}", $"--Fastn:Storage:DataDirectory={data}",
            "--Fastn:Cluster:SiloPort=0", "--Fastn:Cluster:GatewayPort=0", "--Fastn:EnableSandbox=false", $"--Fastn:Bootstrap:AdminApiKey={adminKey}",
            $"--Fastn:Http:AllowedPrivateHosts:0=127.0.0.1:{stubUrl.Port}", "--Logging:LogLevel:Default=Warning",
        ], b => b.Services.AddFastn().AddConnector(definition));
        await app.StartAsync();
        var idleRss = RssMb();

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        http.DefaultRequestHeaders.Add("x-fastn-space-tenantid", "bench-tenant");
        using (var connected = await http.PostAsync("api/v1/connections", Json("""{"connector":"bench-echo","credentials":{"api_key":"bench-secret-key"}}""")))
        {
            connected.EnsureSuccessStatusCode();
        }

        string flowId;
        using (var deployed = await http.PostAsync("api/v1/flows/deploy", Json("""
            {
              "name": "bench-three-steps",
              "trigger": { "type": "http", "respondWithOutput": true },
              "steps": [
                { "type": "transform", "id": "item_id", "value": "{{ 'item_' + trigger.payload.n }}" },
                { "type": "action", "id": "get", "connector": "bench-echo", "action": "get_item", "input": { "id": "{{ steps.item_id.output }}" } }
              ],
              "output": { "name": "{{ steps.get.output.name }}" }
            }
            """)))
        {
            var text = await deployed.Content.ReadAsStringAsync();
            if (!deployed.IsSuccessStatusCode)
            {
                throw new InvalidOperationException("deploy failed: " + text);
            }

            flowId = JsonNode.Parse(text)!["id"]!.GetValue<string>();
        }

        using var rawClient = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2), MaxConnectionsPerServer = 64 })
        {
            BaseAddress = new Uri(rawApp.Urls.First()),
        };
        var body = Encoding.UTF8.GetBytes("""{"n":1}""");
        async Task RawRun(CancellationToken ct)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await rawClient.PostAsync("/raw", content, ct);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync(ct);
        }

        async Task FlowRun(CancellationToken ct)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync($"api/v1/flows/{flowId}/invoke", content, ct);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"invoke answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }

            await response.Content.ReadAsByteArrayAsync(ct);
        }

        var results = new List<(LoadResult Raw, LoadResult Fastn)>();
        foreach (var concurrency in new[] { 1, 16 })
        {
            var r = await LoadDriver.RunAsync("raw three calls", concurrency, warmup, duration, RawRun);
            var f = await LoadDriver.RunAsync("flow runs", concurrency, warmup, duration, FlowRun);
            results.Add((r, f));
            Console.WriteLine($"c={concurrency}: raw {r.Throughput:0}/s p50 {r.Percentile(0.5):0} µs | flows {f.Throughput:0}/s p50 {f.Percentile(0.5):0} µs | ratio {f.Throughput / r.Throughput:P0}");
        }

        var loadedRss = RssMb();
        await app.StopAsync();
        await rawApp.StopAsync();
        await stubApp.StopAsync();

        var md = new StringBuilder();
        md.AppendLine("## Flow runs end to end (`dotnet run --project bench/Fastn.Benchmarks -c Release -- flows`)").AppendLine();
        md.AppendLine(machine).AppendLine();
        md.AppendLine("A 3-step flow — inbound HTTP trigger answering with the flow's output (`POST /api/v1/flows/{id}/invoke`) → transform (a Jint template) → " +
            "connector action against a loopback stub (`GET /items/{id}`) — on the embedded SQLite default, every run and step stored before the answer. " +
            "The raw ceiling is a bare Kestrel endpoint doing the same three things directly (read the JSON body, compute the id, call the stub with HttpClient, answer). " +
            "Closed loop, " + duration.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s per run after a " + warmup.TotalSeconds.ToString(CultureInfo.InvariantCulture) +
            " s warm-up; client, stub, raw endpoint and server share the same 2 cores.").AppendLine();
        md.AppendLine("| callers | raw runs/s | flow runs/s (target ≥ 2,000) | ratio | raw p50 µs | flow p50 µs (target ≤ 5,000) | raw p99 µs | flow p99 µs |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (r, f) in results)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Concurrency} | {r.Throughput:0} | {f.Throughput:0} | {f.Throughput / r.Throughput:P0} | {r.Percentile(0.5):0} | {f.Percentile(0.5):0} | {r.Percentile(0.99):0} | {f.Percentile(0.99):0} |");
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture,
            $"Process RSS (benchmark, stub and server in one process): {idleRss:0} MB after start, {loadedRss:0} MB after the load (target for the server alone idle ≤ 200 MB; the `startup` mode measures the server process alone).");
        await ResultsFile.WriteSectionAsync("flows", md.ToString());
        Directory.Delete(data, recursive: true);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static double RssMb()
    {
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)) : null;
        return line is null ? double.NaN : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }
}

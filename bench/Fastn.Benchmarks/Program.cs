using System.Globalization;
using System.Text;
using Fastn.Benchmarks;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;
using Fastn.Connectors.Schema;
using Fastn.Engine.Connections;
using Fastn.Engine.Execution;
using Fastn.Engine.Hosting;
using Fastn.Server;

double? seconds = Environment.GetEnvironmentVariable("FASTN_BENCH_SECONDS") is { } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;
switch (args)
{
    case ["writer", ..]:
        // Bounded: three writer runs and seven raw runs of 1 s warm-up + 3 s each (about 45 s with the migrations).
        await WriterBenchmark.RunAsync(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds ?? 3));
        return;
    case ["hashing", ..]:
        await HashingBenchmark.RunAsync(TimeSpan.FromSeconds(seconds ?? 3));
        return;
    case ["flows", ..]:
        await FlowsBenchmark.RunAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds ?? 5));
        return;
    case ["mcp", ..]:
        await McpBenchmark.RunAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(seconds ?? 5));
        return;
    case ["startup", .. var environment]:
        await StartupBenchmark.RunAsync(environment);
        return;
    case [var unknown, ..]:
        Console.Error.WriteLine($"Unknown mode '{unknown}'. Modes: (none) = action executor overhead, writer, hashing, startup, flows, mcp.");
        Environment.ExitCode = 2;
        return;
}

// Executor overhead: the same loopback stub called raw with HttpClient and through ActionExecutor
// (grain lookup, credentials, input/output schema validation, auth, resilience pipeline, call log), in one run.
var duration = TimeSpan.FromSeconds(seconds ?? 8);
var warmup = TimeSpan.FromSeconds(2);
var payload = Encoding.UTF8.GetBytes("""{"id":"item_1","name":"Widget","price":12.5,"tags":["a","b"]}""");

var machine = ResultsFile.MachineLine();
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

var definition = new ConnectorDefinition
{
    Name = "bench-echo",
    DisplayName = "Bench echo",
    BaseUrl = stubUrl + "/",
    Auth = Auth.ApiKeyHeader("X-Api-Key"),
    Actions = { Define.Action<ItemRequest, Item>("get_item", "Get an item.", (i, ctx, ct) => ctx.Http.GetJsonAsync<Item>($"items/{i.Id}", ct)) },
};

var data = Directory.CreateTempSubdirectory("fastn-bench-").FullName;
var port = Fastn.Server.Hosting.FreePort.Next();
var app = FastnServer.Build([
    $"--urls=http://127.0.0.1:{port}", $"--Fastn:PublicBaseUrl=http://127.0.0.1:{port}", $"--Fastn:Storage:DataDirectory={data}",
    "--Fastn:Cluster:SiloPort=0", "--Fastn:Cluster:GatewayPort=0", "--Fastn:EnableSandbox=false",
    $"--Fastn:Http:AllowedPrivateHosts:0=127.0.0.1:{stubUrl.Port}", "--Logging:LogLevel:Default=Warning",
], b => b.Services.AddFastn().AddConnector(definition));
await app.StartAsync();

var tenant = new TenantInfo("default", "bench-tenant");
string connectionId;
using (var scope = app.Services.CreateScope())
{
    var created = await scope.ServiceProvider.GetRequiredService<ConnectionService>()
        .CreateAsync(tenant, new CreateConnectionRequest("bench-echo", null, new Dictionary<string, string> { ["api_key"] = "bench-secret-key" }, null), CancellationToken.None);
    connectionId = created.Id;
}

var executor = app.Services.GetRequiredService<ActionExecutor>();
var input = System.Text.Json.Nodes.JsonNode.Parse("""{"id":"1"}""");
using var raw = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { BaseAddress = stubUrl };
async Task RawCall(CancellationToken ct)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, "/items/1");
    request.Headers.Add("X-Api-Key", "bench-secret-key");
    using var response = await raw.SendAsync(request, ct);
    response.EnsureSuccessStatusCode();
    await System.Text.Json.JsonSerializer.DeserializeAsync<Item>(await response.Content.ReadAsStreamAsync(ct), ConnectorJson.Options, ct);
}

Task ExecutorCall(CancellationToken ct) => executor.ExecuteAsync(new ActionCallRequest(tenant, connectionId, "get_item", input, ActionCaller.Rest), ct);

if (Environment.GetEnvironmentVariable("FASTN_BENCH_PARTS") == "1")
{
    var broker = app.Services.GetRequiredService<ICredentialBroker>();
    var action = definition.Actions[0];
    async Task Time(string what, Func<Task> f)
    {
        for (var i = 0; i < 2000; i++) { await f(); }
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 20000; i++) { await f(); }
        Console.WriteLine($"{what}: {sw.Elapsed.TotalMicroseconds / 20000:0.0} µs");
    }

    await Time("grain OpenAsync", async () => await broker.OpenAsync(tenant, connectionId, CancellationToken.None));
    await Time("validate input", () => { SchemaValidator.Validate(action.InputSchema, input); return Task.CompletedTask; });
    var sampleOutput = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Encoding.UTF8.GetString(payload));
    await Time("validate output", () => { SchemaValidator.Validate(action.OutputSchema, sampleOutput); return Task.CompletedTask; });
    await Time("raw call", () => RawCall(CancellationToken.None));
    await Time("executor call", () => ExecutorCall(CancellationToken.None));
}

var results = new List<(LoadResult Raw, LoadResult Fastn)>();
foreach (var concurrency in new[] { 1, 16 })
{
    var r = await LoadDriver.RunAsync("raw HttpClient", concurrency, warmup, duration, RawCall);
    var f = await LoadDriver.RunAsync("ActionExecutor", concurrency, warmup, duration, ExecutorCall);
    results.Add((r, f));
    Console.WriteLine($"c={concurrency}: raw {r.Throughput:0}/s p50 {r.Percentile(0.5):0} µs | fastn {f.Throughput:0}/s p50 {f.Percentile(0.5):0} µs | ratio {f.Throughput / r.Throughput:P0} | added p50 {f.Percentile(0.5) - r.Percentile(0.5):0} µs");
}

await app.StopAsync();
await stubApp.StopAsync();

var md = new StringBuilder();
md.AppendLine("## Action executor overhead (`dotnet run --project bench/Fastn.Benchmarks -c Release`)").AppendLine();
md.AppendLine(machine).AppendLine();
md.AppendLine("The same loopback stub (`GET /items/1`, 62-byte JSON) called with a raw `HttpClient` and through `ActionExecutor.ExecuteAsync` " +
    "(connection grain lookup, credentials, input and output schema validation, API-key auth handler, resilience pipeline with SSRF-guarded sockets, " +
    "redaction and the write-behind call log into SQLite), closed loop, " + duration.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s per run after a 2 s warm-up, client and server on the same 2 cores.").AppendLine();
md.AppendLine("| callers | raw calls/s | executor calls/s | throughput ratio (target ≥ 80 %) | raw p50 µs | executor p50 µs | added p50 µs (target ≤ 100) | raw p99 µs | executor p99 µs |");
md.AppendLine("|---|---|---|---|---|---|---|---|---|");
foreach (var (r, f) in results)
{
    md.AppendLine(CultureInfo.InvariantCulture,
        $"| {r.Concurrency} | {r.Throughput:0} | {f.Throughput:0} | {f.Throughput / r.Throughput:P0} | {r.Percentile(0.5):0} | {f.Percentile(0.5):0} | {f.Percentile(0.5) - r.Percentile(0.5):0} | {r.Percentile(0.99):0} | {f.Percentile(0.99):0} |");
}

// Only the table is regenerated; the analysis under it in RESULTS.md is written by hand.
await ResultsFile.WriteSectionAsync("executor", md.ToString());
Directory.Delete(data, recursive: true);

/// <summary>Benchmark action input.</summary>
/// <param name="Id">Item id.</param>
public sealed record ItemRequest(string Id);

/// <summary>Benchmark action output.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Name">Name.</param>
/// <param name="Price">Price.</param>
/// <param name="Tags">Tags.</param>
public sealed record Item(string Id, string Name, decimal Price, IReadOnlyList<string> Tags);

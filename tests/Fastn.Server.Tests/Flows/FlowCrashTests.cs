using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fastn.Server.Tests.Flows;

/// <summary>
/// A run survives its node's death: a 3-step flow in a real server process, SIGKILLed while step two's request is in
/// flight, completes after a restart on the same data; the app sees one idempotency key per step, so it applies
/// each step once.
/// </summary>
public sealed class FlowCrashTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_NodeKilledBetweenSteps_ResumesAfterRestart_EachStepAppliedOnce()
    {
        await using var stub = await CrashStub.StartAsync();
        var data = Path.Combine(Path.GetTempPath(), "fastn-crash", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var adminKey = "fk_" + Guid.NewGuid().ToString("N");
        var tenant = "t-crash";
        string runId;

        var first = await ServerProcess.StartAsync(data, adminKey, stub.BaseUrl);
        try
        {
            using var http = first.Client(adminKey, tenant);
            (await http.PostAsJsonAsync("api/v1/connections", new { connector = "crash-stub", credentials = new Dictionary<string, string> { ["api_key"] = "k" } }, Ct))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
            using var deployed = await http.PostAsync("api/v1/flows/deploy", Json(new JsonObject
            {
                ["name"] = "crash-three-steps",
                ["trigger"] = new JsonObject { ["type"] = "manual" },
                ["steps"] = new JsonArray(Step("one"), Step("two"), Step("three")),
            }), Ct);
            deployed.StatusCode.ShouldBe(HttpStatusCode.OK, await deployed.Content.ReadAsStringAsync(Ct));
            var flowId = (await deployed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString();
            using var started = await http.PostAsync($"api/v1/flows/{flowId}/runs", Json(new JsonObject { ["payload"] = new JsonObject() }), Ct);
            started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(Ct));
            runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

            // Step two's request is in flight: the node dies without a chance to record anything more.
            await stub.TwoArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }
        finally
        {
            first.Kill();
        }

        var restartedAt = Stopwatch.StartNew();
        await using var second = await ServerProcess.StartAsync(data, adminKey, stub.BaseUrl);
        using (var http = second.Client(adminKey, tenant))
        {
            JsonElement run;
            while (true)
            {
                run = await http.GetFromJsonAsync<JsonElement>($"api/v1/runs/{runId}", Ct);
                if (run.GetProperty("status").GetString() is "succeeded" or "failed")
                {
                    break;
                }

                restartedAt.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), $"the run did not resume: {run}");
                await Task.Delay(100, Ct);
            }

            run.GetProperty("status").GetString().ShouldBe("succeeded", run.ToString());
            run.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("path").GetString()).ShouldBe(["one", "two", "three"]);
        }

        stub.Requests("one").ShouldHaveSingleItem().ShouldBe($"{runId}:one", "a finished step is replayed from the store, not sent again");
        var twos = stub.Requests("two");
        twos.Count.ShouldBe(2, "the request in flight at the kill is sent again");
        twos.Distinct().ShouldHaveSingleItem().ShouldBe($"{runId}:two", "with the same idempotency key, so the app applies it once");
        stub.Requests("three").ShouldHaveSingleItem().ShouldBe($"{runId}:three");
        stub.Applied.Count.ShouldBe(3);
        TestContext.Current.SendDiagnosticMessage($"Run resumed and finished {restartedAt.Elapsed.TotalSeconds:0.0} s after the restart began (StaleAfter 2 s).");
        TryDelete(data);
    }

    private static JsonObject Step(string name) => new()
    {
        ["type"] = "action",
        ["id"] = name,
        ["connector"] = "crash-stub",
        ["action"] = "step",
        ["input"] = new JsonObject { ["name"] = name },
    };

    private static StringContent Json(JsonNode node) => new(node.ToJsonString(), System.Text.Encoding.UTF8, "application/json");

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    // The app: records each step's idempotency key; applies a key once; holds step two's first request open forever.
    private sealed class CrashStub : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Step, string Key)> _requests = new();

        private CrashStub(WebApplication app) => _app = app;

        public string BaseUrl { get; private set; } = "";

        public TaskCompletionSource TwoArrived { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentDictionary<string, bool> Applied { get; } = new(StringComparer.Ordinal);

        public List<string> Requests(string step) => [.. _requests.Where(r => r.Step == step).Select(r => r.Key)];

        public static async Task<CrashStub> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var stub = new CrashStub(app);
            app.MapPost("/step/{name}", async (HttpContext http, string name) =>
            {
                var key = http.Request.Headers["Idempotency-Key"].ToString();
                stub._requests.Enqueue((name, key));
                if (name == "two" && stub.TwoArrived.TrySetResult())
                {
                    await Task.Delay(Timeout.Infinite, http.RequestAborted);
                }

                stub.Applied.TryAdd(key, true);
                return Results.Json(new { step = name, key });
            });
            await app.StartAsync();
            stub.BaseUrl = app.Urls.First().TrimEnd('/');
            return stub;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    // `dotnet Fastn.Tests.CrashHost.dll`: the real server in its own process, killed with SIGKILL.
    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private ServerProcess(Process process, string baseUrl)
        {
            _process = process;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }

        public static async Task<ServerProcess> StartAsync(string data, string adminKey, string stubUrl)
        {
            var host = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "Fastn.Tests.CrashHost", "bin",
                new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Fastn.Tests.CrashHost.dll"));
            File.Exists(host).ShouldBeTrue($"build the crash host first: {host}");
            var baseUrl = $"http://127.0.0.1:{FreePort.Next()}";
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = data,
            };
            foreach (var arg in new[]
            {
                host, $"--urls={baseUrl}", $"--Fastn:PublicBaseUrl={baseUrl}", $"--contentRoot={data}", $"--Fastn:Storage:DataDirectory={data}",
                $"--Fastn:Bootstrap:AdminApiKey={adminKey}", "--Fastn:Cluster:SiloPort=0", "--Fastn:Cluster:GatewayPort=0",
                $"--Fastn:Http:AllowedPrivateHosts:0={new Uri(stubUrl).Authority}", $"--Crash:StubUrl={stubUrl}",
                "--Fastn:Flows:StaleAfter=00:00:02", "--Fastn:Flows:HeartbeatInterval=00:00:00.500", "--Fastn:Flows:SweepInterval=00:00:00.200",
                "--Logging:LogLevel:Default=Warning",
            })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            var output = new ConcurrentQueue<string>();
            process.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
            process.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? "");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new ServerProcess(process, baseUrl);
            using var probe = new HttpClient { BaseAddress = new Uri(baseUrl + "/") };
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                process.HasExited.ShouldBeFalse($"the server exited: {string.Join('\n', output)}");
                try
                {
                    using var ready = await probe.GetAsync("health/ready", Ct);
                    if (ready.IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                }

                deadline.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(90), $"the server did not become ready: {string.Join('\n', output)}");
                await Task.Delay(100, Ct);
            }
        }

        public HttpClient Client(string apiKey, string tenant)
        {
            var client = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            client.DefaultRequestHeaders.Add("x-fastn-space-tenantid", tenant);
            return client;
        }

        // SIGKILL on Linux: no shutdown hooks, no drain.
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }

        public ValueTask DisposeAsync()
        {
            Kill();
            _process.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

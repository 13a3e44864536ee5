using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using Fastn.Server.Hosting;

namespace Fastn.Benchmarks;

/// <summary>
/// Starts the real server (<c>dotnet Fastn.Server.dll</c>, Release) with a fresh data directory and free ports, times
/// process start to <c>GET /health/ready</c> answering 200, then reads idle RSS after 5 s; the process is always killed.
/// The floor measured in the same run: the same <c>dotnet Fastn.Server.dll</c> starting the runtime, loading the
/// app and exiting from <c>Main</c> at once (<c>admin</c> without a sub-command prints usage and returns).
/// </summary>
public static class StartupBenchmark
{
    private const int Runs = 3;
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(60);

    /// <summary>Measures and writes the section; <paramref name="environment"/> (NAME=VALUE, e.g. DOTNET_gcServer=0) is an experiment given to the server process, written to a section of its own.</summary>
    public static async Task RunAsync(IReadOnlyList<string> environment)
    {
        var load = ResultsFile.MachineLine();
        // FASTN_BENCH_SERVER_DLL: another build of the server (e.g. a ReadyToRun publish), an experiment with a section of its own.
        var other = Environment.GetEnvironmentVariable("FASTN_BENCH_SERVER_DLL");
        var dll = other ?? Path.Combine(ResultsFile.RepoRoot(), "src", "Fastn.Server", "bin", "Release", "net10.0", "Fastn.Server.dll");
        var env = environment.Select(e => e.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv.Length > 1 ? kv[1] : "", StringComparer.Ordinal);
        var command = (other is null ? "" : $"FASTN_BENCH_SERVER_DLL={other} ") + "dotnet run --project bench/Fastn.Benchmarks -c Release -- startup" +
            string.Concat(environment.Select(e => " " + e));
        var experiment = string.Join(" ", environment.Prepend(other is null ? null : "server " + other).OfType<string>());
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException("Build the server first: dotnet build src/Fastn.Server -c Release", dll);
        }

        var floors = new List<double>();
        for (var i = 0; i < Runs; i++)
        {
            floors.Add(await RuntimeFloorAsync(dll, env));
            Console.WriteLine($"floor {i + 1}: runtime start to Main returning {floors[^1]:0} ms");
        }

        var runs = new List<StartRun>();
        for (var i = 0; i < Runs; i++)
        {
            runs.Add(await StartOnceAsync(dll, env));
            Console.WriteLine($"run {i + 1}: ready in {runs[^1].ReadyMs:0} ms, idle RSS {runs[^1].IdleRssMb:0.0} MB (anon {runs[^1].AnonRssMb:0.0}, file {runs[^1].FileRssMb:0.0}, shmem {runs[^1].ShmemRssMb:0.0}, peak {runs[^1].PeakRssMb:0.0} MB)");
        }

        // The verbose run only for the shipped configuration; experiments report their figures alone.
        var traced = experiment.Length == 0 ? await StartOnceAsync(dll, env, verbose: true) : null;
        Console.WriteLine($"verbose run: ready in {traced?.ReadyMs:0} ms");
        var median = runs.OrderBy(r => r.ReadyMs).ElementAt(Runs / 2);
        var medianRss = runs.Select(r => r.IdleRssMb).Order().ElementAt(Runs / 2);
        var medianFloor = floors.Order().ElementAt(Runs / 2);
        var md = new StringBuilder();
        md.AppendLine(experiment.Length == 0
            ? $"## Server start and idle memory (`{command}`)"
            : $"### Experiment: {experiment} (`{command}`)").AppendLine();
        md.AppendLine(load).AppendLine();
        var shown = dll.StartsWith(ResultsFile.RepoRoot(), StringComparison.Ordinal) ? Path.GetRelativePath(ResultsFile.RepoRoot(), dll) : dll;
        md.AppendLine($"`dotnet {shown}` (Production environment, defaults: sandbox on, embedded Orleans silo, SQLite) " +
            "with a fresh data directory under /tmp, free loopback ports (`--urls`, `Fastn:Cluster:SiloPort=0`, `GatewayPort=0`) and the working directory set to the build output. " +
            "Ready = wall time from `Process.Start` to the first `GET /health/ready` answering 200 (polled every 10 ms); RSS = `VmRSS` of /proc/<pid>/status after 5 s idle " +
            "(its parts `RssAnon`, `RssFile`, `RssShmem`; peak = `VmHWM`; MB = 1024 kB). Floor, same run: the same command with the argument `admin` (runtime start, app assembly load, `Main` prints usage and returns).").AppendLine();
        md.AppendLine("| run | ready ms (target ≤ 3000) | floor ms (runtime to Main) | idle RSS MB (target ≤ 200) | of which anonymous (heaps, JIT code) | of which file-backed (mapped assemblies, native libraries) | of which shared memory | peak RSS MB |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        for (var i = 0; i < Runs; i++)
        {
            md.Row(i + 1, runs[i].ReadyMs.ToString("0", CultureInfo.InvariantCulture), floors[i].ToString("0", CultureInfo.InvariantCulture),
                runs[i].IdleRssMb.ToString("0.0", CultureInfo.InvariantCulture), runs[i].AnonRssMb.ToString("0.0", CultureInfo.InvariantCulture),
                runs[i].FileRssMb.ToString("0.0", CultureInfo.InvariantCulture), runs[i].ShmemRssMb.ToString("0.0", CultureInfo.InvariantCulture), runs[i].PeakRssMb.ToString("0.0", CultureInfo.InvariantCulture));
        }

        md.Row("**median**", I($"**{median.ReadyMs:0}**"), I($"**{medianFloor:0}**"), I($"**{medianRss:0.0}**"), "", "", "", "");
        md.AppendLine();
        md.AppendLine("Where the median run's time went (ms after `Process.Start` at which each log category first wrote to the console, Information level as shipped):").AppendLine();
        md.AppendLine("| ms | first line from |");
        md.AppendLine("|---|---|");
        foreach (var (at, category) in median.Timeline)
        {
            md.Row(at.ToString("0", CultureInfo.InvariantCulture), category);
        }

        md.Row(median.FirstAnswerMs.ToString("0", CultureInfo.InvariantCulture), "first HTTP answer to `/health/ready` (any status)");
        md.Row(median.ReadyMs.ToString("0", CultureInfo.InvariantCulture), "`/health/ready` answered 200");
        if (traced is not null)
        {
            md.AppendLine();
            md.AppendLine(I($"One more run, not counted above (ready in {traced.ReadyMs:0} ms), with Orleans at Information, `Microsoft.Extensions.Hosting` at Debug and EF Core's migrations and infrastructure at Information; every entry, ms after `Process.Start`:")).AppendLine();
            md.AppendLine("| ms | entry (category[event]: first line) |");
            md.AppendLine("|---|---|");
            foreach (var (at, entry) in traced.Timeline)
            {
                md.Row(at.ToString("0", CultureInfo.InvariantCulture), entry.Replace("|", "\\|", StringComparison.Ordinal));
            }

            md.Row(traced.FirstAnswerMs.ToString("0", CultureInfo.InvariantCulture), "first HTTP answer to `/health/ready` (any status)");
            md.Row(traced.ReadyMs.ToString("0", CultureInfo.InvariantCulture), "`/health/ready` answered 200");
        }
        Console.Write(md);
        await ResultsFile.WriteSectionAsync(experiment.Length == 0 ? "startup" : "startup " + experiment, md.ToString());
    }

    private static string I(FormattableString text) => FormattableString.Invariant(text);

    private static async Task<double> RuntimeFloorAsync(string dll, Dictionary<string, string> env)
    {
        using var process = new Process { StartInfo = StartInfo(dll, ["admin"], env) };
        var clock = Stopwatch.StartNew();
        process.Start();
        try
        {
            var drainOut = process.StandardOutput.ReadToEndAsync();
            var drainErr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(ReadyDeadline);
            await process.WaitForExitAsync(timeout.Token);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            await Task.WhenAll(drainOut, drainErr);
            return elapsed;
        }
        finally
        {
            Kill(process);
        }
    }

    // Verbose: a run not counted, with Orleans, hosting and migrations logging, that keeps every entry's first line.
    private static readonly string[] VerboseLogging =
    [
        "--Logging:LogLevel:Orleans=Information", "--Logging:LogLevel:Orleans.Runtime.SiloOptionsLogger=Warning",
        "--Logging:LogLevel:Microsoft.Extensions.Hosting=Debug", "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations=Information",
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore.Infrastructure=Information",
    ];

    private static async Task<StartRun> StartOnceAsync(string dll, Dictionary<string, string> env, bool verbose = false)
    {
        var data = Directory.CreateTempSubdirectory("fastn-bench-start-").FullName;
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        using var process = new Process
        {
            StartInfo = StartInfo(dll,
            [
                $"--urls={url}", $"--Fastn:PublicBaseUrl={url}", $"--Fastn:Storage:DataDirectory={data}",
                "--Fastn:Cluster:SiloPort=0", "--Fastn:Cluster:GatewayPort=0", $"--Fastn:PluginFolder={Path.Combine(data, "connectors")}",
                .. verbose ? VerboseLogging : [],
            ], env),
        };
        var clock = new Stopwatch();
        var timeline = new List<(double, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var output = new StringBuilder();
        var messageOf = -1;
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            var at = clock.Elapsed.TotalMilliseconds;
            lock (timeline)
            {
                output.AppendLine(line);
                // Console logger: "info: Category[eventId]" opens each entry, the message follows on the next line.
                if (line.Length > 6 && line[4] == ':' && line.IndexOf('[', StringComparison.Ordinal) is > 6 and var bracket)
                {
                    var category = line[..bracket];
                    if (verbose || seen.Add(category))
                    {
                        timeline.Add((at, category));
                        messageOf = verbose ? timeline.Count - 1 : -1;
                    }
                }
                else if (messageOf >= 0)
                {
                    timeline[messageOf] = (timeline[messageOf].Item1, timeline[messageOf].Item2 + ": " + line.Trim());
                    messageOf = -1;
                }
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            clock.Start();
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            double? ready = null;
            double? answered = null;
            while (clock.Elapsed < ReadyDeadline && !process.HasExited)
            {
                try
                {
                    using var response = await http.GetAsync(new Uri(url + "/health/ready"));
                    answered ??= clock.Elapsed.TotalMilliseconds;
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        ready = clock.Elapsed.TotalMilliseconds;
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(10);
            }

            if (ready is null)
            {
                lock (timeline)
                {
                    throw new InvalidOperationException($"The server did not answer /health/ready with 200 within {ReadyDeadline.TotalSeconds:0} s (exited: {process.HasExited}). Output:\n{output}");
                }
            }

            // Idle means idle: nothing is sent to the server while waiting.
            await Task.Delay(Idle);
            var (rss, peak, anon, file, shmem) = ReadRss(process.Id);
            lock (timeline)
            {
                return new StartRun(ready.Value, answered!.Value, rss, peak, anon, file, shmem, [.. timeline]);
            }
        }
        finally
        {
            Kill(process);
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: the OS temp cleaner takes what is left.
            }
        }
    }

    private static ProcessStartInfo StartInfo(string dll, string[] args, Dictionary<string, string> env)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in env)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
    }

    private static (double RssMb, double PeakMb, double AnonMb, double FileMb, double ShmemMb) ReadRss(int pid)
    {
        double Field(string name)
        {
            var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(name + ":", StringComparison.Ordinal));
            var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
            return kb / 1024.0;
        }

        return (Field("VmRSS"), Field("VmHWM"), Field("RssAnon"), Field("RssFile"), Field("RssShmem"));
    }

    private sealed record StartRun(double ReadyMs, double FirstAnswerMs, double IdleRssMb, double PeakRssMb, double AnonRssMb, double FileRssMb, double ShmemRssMb, IReadOnlyList<(double At, string Category)> Timeline);
}

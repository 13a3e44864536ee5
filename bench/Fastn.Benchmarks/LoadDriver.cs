using System.Collections.Concurrent;
using System.Diagnostics;

namespace Fastn.Benchmarks;

/// <summary>Runs a call in a closed loop with N parallel callers for a bounded time and collects latencies.</summary>
public static class LoadDriver
{
    public static async Task<LoadResult> RunAsync(string name, int concurrency, TimeSpan warmup, TimeSpan duration, Func<CancellationToken, Task> call,
        Action? onMeasureStart = null, Action? onMeasureStop = null)
    {
        using (var warm = new CancellationTokenSource(warmup))
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => LoopAsync(call, null, warm.Token)));
        }

        var samples = new ConcurrentBag<double[]>();
        onMeasureStart?.Invoke();
        var stopwatch = Stopwatch.StartNew();
        using (var run = new CancellationTokenSource(duration))
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                var local = new List<double>(100_000);
                await LoopAsync(call, local, run.Token);
                samples.Add([.. local]);
            }));
        }

        stopwatch.Stop();
        onMeasureStop?.Invoke();
        var all = samples.SelectMany(s => s).ToArray();
        Array.Sort(all);
        return new LoadResult(name, concurrency, all.Length, stopwatch.Elapsed, all);
    }

    private static async Task LoopAsync(Func<CancellationToken, Task> call, List<double>? latencies, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            await call(CancellationToken.None);
            latencies?.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    }
}

namespace Fastn.Benchmarks;

/// <summary>What one load run measured.</summary>
/// <param name="Name">What was driven.</param>
/// <param name="Concurrency">Parallel callers.</param>
/// <param name="Requests">Completed calls.</param>
/// <param name="Elapsed">Measured wall time.</param>
/// <param name="LatenciesMicroseconds">Sorted per-call latencies.</param>
public sealed record LoadResult(string Name, int Concurrency, long Requests, TimeSpan Elapsed, double[] LatenciesMicroseconds)
{
    public double Throughput => Requests / Elapsed.TotalSeconds;

    public double Percentile(double p) =>
        LatenciesMicroseconds.Length == 0 ? double.NaN : LatenciesMicroseconds[Math.Min(LatenciesMicroseconds.Length - 1, (int)(p * LatenciesMicroseconds.Length))];
}

namespace Fastn.Engine.Flows;

/// <summary>Limits and timings of the flow engine (<c>Fastn:Flows</c>).</summary>
public sealed class FlowEngineOptions
{
    /// <summary>Largest output one step may produce, serialized (default 1 MiB); a larger one fails the step.</summary>
    public int MaxStepOutputBytes { get; set; } = 1024 * 1024;

    /// <summary>Most items a forEach may iterate (default 10,000); more fails the step before any iteration runs.</summary>
    public int MaxForEachItems { get; set; } = 10_000;

    /// <summary>How long one run may run before it fails as timed out, per stretch between waits (default 1 h).</summary>
    public TimeSpan RunTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long one template or expression may compute (default 1 s).</summary>
    public TimeSpan TemplateTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How much memory one template may allocate (default 16 MiB).</summary>
    public long TemplateMemoryBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most statements one template may execute (default 100,000).</summary>
    public int TemplateMaxStatements { get; set; } = 100_000;

    /// <summary>How often a running run says it is alive (default 5 s).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A running run whose node has been silent this long is taken over by another (default 30 s).</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sweep looks for due, queued and orphaned runs and due schedules (default 1 s).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Waits up to this long happen in memory; longer ones park the run in the store (default 30 s).</summary>
    public TimeSpan MaxInMemoryWait { get; set; } = TimeSpan.FromSeconds(30);
}

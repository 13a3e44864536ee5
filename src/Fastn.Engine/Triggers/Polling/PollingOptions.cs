namespace Fastn.Engine.Triggers.Polling;

/// <summary>How the Synthetic Event Engine schedules and runs polls (<c>Fastn:Polling</c>).</summary>
public sealed class PollingOptions
{
    /// <summary>Whether this node runs the poll partitions (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many <c>PollPartitionGrain</c>s share the subscriptions (default 16). Fixed for a cluster: every node must agree.</summary>
    public int Partitions { get; set; } = 16;

    /// <summary>How often a partition looks for due subscriptions (default 1 s): the lateness floor of a due poll.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most polls one partition runs at once (default 4), so one slow tenant cannot starve the rest.</summary>
    public int PartitionConcurrency { get; set; } = 4;

    /// <summary>Most pages one run fetches (default 100); a run that stops here says so and the next continues from the cursor.</summary>
    public int MaxPagesPerRun { get; set; } = 100;

    /// <summary>Records asked for per page (default 100).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>The first wait after a failed poll (default 30 s); it doubles with each failure in a row.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait after failures (default 1 h).</summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The shortest interval a subscription may ask for (default 1 s).</summary>
    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);
}

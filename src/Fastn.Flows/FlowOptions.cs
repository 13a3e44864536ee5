namespace Fastn.Flows;

/// <summary>Limits that apply to every run of a flow.</summary>
public sealed record FlowOptions
{
    /// <summary>How many runs of this flow may run at once; more wait in the queue. Null means no limit.</summary>
    public int? MaxConcurrentRuns { get; init; }

    /// <summary>How long a run may take, in seconds, before it fails as timed out (time spent in delays excluded). Null means the server's default.</summary>
    public int? TimeoutSeconds { get; init; }
}

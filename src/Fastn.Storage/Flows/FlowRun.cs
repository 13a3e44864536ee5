namespace Fastn.Storage.Flows;

/// <summary>One run of a flow for one tenant. Its steps' results are <see cref="FlowRunStep"/> rows.</summary>
public sealed class FlowRun : ITenantOwned, IVersioned
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    public required string FlowId { get; init; }

    /// <summary>The published version it runs, or 0 for a test run of the draft (then <see cref="Definition"/> holds it).</summary>
    public int FlowVersion { get; init; }

    /// <summary>The definition a draft test run runs, frozen when it started; null for published versions.</summary>
    public string? Definition { get; init; }

    public FlowRunStatus Status { get; set; }

    /// <summary>Why it is waiting, paused, failed or cancelled.</summary>
    public string? StatusReason { get; set; }

    /// <summary>A test run (of the draft or started from the test panel).</summary>
    public bool IsTest { get; init; }

    /// <summary>How it started: <c>manual</c>, <c>event</c>, <c>schedule</c>, <c>http</c>, <c>test</c>, <c>rerun</c>.</summary>
    public required string StartedBy { get; init; }

    /// <summary>The trigger scope as JSON (type, payload, event id…).</summary>
    public string Trigger { get; init; } = "{}";

    /// <summary>The event that started it; unique per flow, so an event starts a flow once.</summary>
    public string? EventId { get; init; }

    /// <summary>The run it re-runs, when it is a re-run.</summary>
    public string? RerunOf { get; init; }

    /// <summary>The run's output as JSON, when it succeeded.</summary>
    public string? Output { get; set; }

    /// <summary>The error as JSON (code, category, message, step), when it failed.</summary>
    public string? Error { get; set; }

    /// <summary>For a waiting run: the step path it waits in, and how many attempts that step has had.</summary>
    public string? WaitingStep { get; set; }

    public int WaitingAttempts { get; set; }

    /// <summary>When a waiting or queued run is due.</summary>
    public DateTimeOffset? WakeAt { get; set; }

    /// <summary>Last sign of life of the node running it; a stale one lets the recovery sweep take the run over.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public long Version { get; set; }
}

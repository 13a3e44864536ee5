namespace Fastn.Storage.Flows;

/// <summary>
/// One finished step of a run, stored before the next step starts: a resumed run replays these instead of calling
/// the app again. <see cref="Path"/> is the step id, with the iteration for steps in a loop (<c>lines[3].send</c>).
/// </summary>
public sealed class FlowRunStep : ITenantOwned
{
    public required string RunId { get; init; }

    public required string Path { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    public required string StepId { get; init; }

    /// <summary>The step's type (<c>action</c>, <c>transform</c>…).</summary>
    public required string Kind { get; init; }

    /// <summary><c>succeeded</c>, <c>failed</c> or <c>skipped</c>.</summary>
    public required string Status { get; init; }

    public int Attempts { get; init; }

    /// <summary>The evaluated input as JSON, redacted.</summary>
    public string? Input { get; init; }

    /// <summary>The output as JSON, redacted.</summary>
    public string? Output { get; init; }

    /// <summary>The error as JSON (code, category, message, path), when it failed.</summary>
    public string? Error { get; init; }

    /// <summary>The action call's id in the call log, for action steps.</summary>
    public string? CallId { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset FinishedAt { get; init; }

    /// <summary>The order steps finished in, within the run.</summary>
    public long Sequence { get; init; }
}

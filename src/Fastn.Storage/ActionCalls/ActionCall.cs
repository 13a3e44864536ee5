namespace Fastn.Storage.ActionCalls;

/// <summary>
/// The record of one action execution; input and output are redacted before they get here.
/// <see cref="Id"/> is assigned by <see cref="ActionCallLog.AppendAsync"/>.
/// </summary>
public sealed class ActionCall : ITenantOwned
{
    public string Id { get; set; } = "";

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    public required string ConnectionId { get; init; }

    public required string Connector { get; init; }

    public required string Action { get; init; }

    public ActionCallStatus Status { get; init; }

    /// <summary>Stable error type such as <c>fastn:upstream</c>, when failed.</summary>
    public string? ErrorType { get; init; }

    public string? ErrorDetail { get; init; }

    public int? HttpStatus { get; init; }

    public long DurationMs { get; init; }

    /// <summary>Redacted JSON input.</summary>
    public string Input { get; init; } = "null";

    /// <summary>Redacted JSON output, truncated by the caller.</summary>
    public string Output { get; init; } = "null";

    public DateTimeOffset StartedAt { get; init; }

    public ActionCaller Caller { get; init; }
}

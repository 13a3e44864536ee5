
namespace Fastn.Engine.Execution;

/// <summary>What the call log keeps of one call: redacted input and output, outcome and timing.</summary>
public sealed record ActionCallRecord
{
    /// <summary>Call id.</summary>
    public required string Id { get; init; }
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Tenant.</summary>
    public required string TenantId { get; init; }
    /// <summary>Connection.</summary>
    public required string ConnectionId { get; init; }
    /// <summary>Connector name.</summary>
    public required string Connector { get; init; }
    /// <summary>Action name.</summary>
    public required string Action { get; init; }
    /// <summary>Surface.</summary>
    public required ActionCaller Caller { get; init; }
    /// <summary>Whether it succeeded.</summary>
    public required bool Succeeded { get; init; }
    /// <summary>Whether the caller cancelled mid-call (the request may have reached the app).</summary>
    public bool Cancelled { get; init; }
    /// <summary>Problem type on failure.</summary>
    public string? ErrorType { get; init; }
    /// <summary>Redacted failure detail.</summary>
    public string? ErrorDetail { get; init; }
    /// <summary>The app's status code on upstream failures.</summary>
    public int? UpstreamStatus { get; init; }
    /// <summary>Redacted input JSON.</summary>
    public string? Input { get; init; }
    /// <summary>Redacted, truncated output JSON.</summary>
    public string? Output { get; init; }
    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }
    /// <summary>How long it took.</summary>
    public required TimeSpan Duration { get; init; }
}

namespace Fastn.Storage.Events;

/// <summary>A workspace's own HTTPS endpoint that receives its events, signed the Standard Webhooks way.</summary>
public sealed class EventDestination : IWorkspaceOwned
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public required string Url { get; init; }

    /// <summary>The <c>whsec_…</c> signing secret, protected by the vault.</summary>
    public required string SecretProtected { get; init; }

    /// <summary>Event types it receives as a JSON array; empty means every type.</summary>
    public string EventTypes { get; init; } = "[]";

    /// <summary>Which kind it receives: <see cref="EventKinds.Platform"/>, <see cref="EventKinds.Trigger"/>, or null for both.</summary>
    public string? Kind { get; init; }

    /// <summary>Conditions on the event's payload, as the engine's filter JSON; <c>[]</c> lets every event through.</summary>
    public string Filters { get; init; } = "[]";

    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One event on its way to one destination: pending with its next attempt, delivered, or dead after its last attempt.</summary>
public sealed class EventDelivery : ITenantOwned
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    public required string EventId { get; init; }

    public required string DestinationId { get; init; }

    public EventDeliveryStatus Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>When the next attempt is due; also the lease a dispatcher takes while it sends.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The destination's HTTP status on the last attempt, or null when it could not be reached.</summary>
    public int? LastStatus { get; set; }

    /// <summary>Why the last attempt failed, or null.</summary>
    public string? LastError { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>Where a delivery stands.</summary>
public enum EventDeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending = 0,

    /// <summary>The destination answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Every attempt failed: in the dead-letter list until redelivered by hand.</summary>
    Failed = 2,
}

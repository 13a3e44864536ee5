namespace Fastn.Storage.Events;

/// <summary>
/// An event in the one event list and outbox. Two kinds share it (<see cref="Kind"/>): <c>platform</c> events
/// (e.g. <c>connection.needs_reauth</c>), written in the same transaction as the change they describe, and
/// <c>trigger</c> events, received from an app's webhook or found by a poll, de-duplicated by
/// <see cref="DedupKey"/>. Both are dispatched later and then marked with <see cref="DispatchedAt"/>.
/// </summary>
public sealed class PlatformEvent : ITenantOwned
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>Dotted snake_case type, e.g. <c>connection.needs_reauth</c>.</summary>
    public required string Type { get; init; }

    /// <summary>The id of the thing the event is about (a connection id…).</summary>
    public required string Subject { get; init; }

    /// <summary>JSON payload; never contains secrets.</summary>
    public string Data { get; init; } = "{}";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? DispatchedAt { get; set; }

    /// <summary><see cref="EventKinds.Platform"/> or <see cref="EventKinds.Trigger"/>.</summary>
    public string Kind { get; init; } = EventKinds.Platform;

    /// <summary>For trigger events: the connection the app sent it for.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>For trigger events: the subscription that received or polled it.</summary>
    public string? SubscriptionId { get; init; }

    /// <summary>For trigger events: the connector and trigger, <c>github.issue_event</c>.</summary>
    public string? Trigger { get; init; }

    /// <summary>For trigger events: <c>webhook</c> or <c>poll</c>.</summary>
    public string? Source { get; init; }

    /// <summary>For trigger events: unique per subscription and app event id; a second insert of it stores nothing.</summary>
    public string? DedupKey { get; init; }

    /// <summary>For trigger events: when the app says it happened, if it says.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Why the event is stored but not dispatched (its subscription was paused), or null.</summary>
    public string? HeldReason { get; init; }
}

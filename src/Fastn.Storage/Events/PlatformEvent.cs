namespace Fastn.Storage.Events;

/// <summary>
/// A platform event (e.g. <c>connection.needs_reauth</c>) in the outbox: written in the same transaction
/// as the change it describes, dispatched later and then marked with <see cref="DispatchedAt"/>.
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
}

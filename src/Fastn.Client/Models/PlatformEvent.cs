using System.Text.Json.Nodes;

namespace Fastn.Client.Models;

/// <summary>
/// An event in the one event list: a platform event (<see cref="Kind"/> <c>platform</c>: <c>connection.created</c>,
/// <c>connect_session.completed</c>…) or an app's event received by a trigger (<c>trigger</c>: <c>issues.opened</c>…).
/// </summary>
/// <param name="Id">The event id (pass as <c>after</c> to page).</param>
/// <param name="Type">The event type.</param>
/// <param name="TenantId">The tenant it concerns.</param>
/// <param name="Subject">What it is about, e.g. a connection id.</param>
/// <param name="Data">The event's data.</param>
/// <param name="CreatedAt">When it happened.</param>
public sealed record PlatformEvent(string Id, string Type, string? TenantId, string? Subject, JsonNode? Data, DateTimeOffset CreatedAt)
{
    /// <summary><c>platform</c> or <c>trigger</c>.</summary>
    public string Kind { get; init; } = "platform";

    /// <summary>For trigger events: the connection the app sent it for.</summary>
    public string? ConnectionId { get; init; }

    /// <summary>For trigger events: the subscription that received it.</summary>
    public string? SubscriptionId { get; init; }

    /// <summary>For trigger events: <c>connector.trigger</c>.</summary>
    public string? Trigger { get; init; }

    /// <summary>For trigger events: <c>webhook</c> or <c>poll</c>.</summary>
    public string? Source { get; init; }

    /// <summary>When the app says it happened.</summary>
    public DateTimeOffset? OccurredAt { get; init; }

    /// <summary>Why the event is stored but not dispatched (its subscription was paused), or null.</summary>
    public string? Held { get; init; }
}

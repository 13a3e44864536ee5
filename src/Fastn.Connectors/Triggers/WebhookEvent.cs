using System.Text.Json.Nodes;

namespace Fastn.Connectors.Triggers;

/// <summary>One event inside a delivery (some apps batch several).</summary>
/// <param name="Id">The app's event id, used to de-duplicate redeliveries.</param>
/// <param name="Type">The app's event type (<c>customers/create</c>, <c>payment_intent.succeeded</c>).</param>
/// <param name="Payload">The event's data.</param>
public sealed record WebhookEvent(string Id, string Type, JsonNode? Payload)
{
    /// <summary>When the app says the event happened, if it says.</summary>
    public DateTimeOffset? OccurredAt { get; init; }
}

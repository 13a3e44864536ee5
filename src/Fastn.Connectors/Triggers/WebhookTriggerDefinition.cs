namespace Fastn.Connectors.Triggers;

/// <summary>
/// A trigger the app pushes: the connector verifies the signature over the raw body and headers, and
/// extracts event id, type and payload. Optional handlers register and remove the webhook at the app.
/// </summary>
public sealed record WebhookTriggerDefinition : TriggerDefinition
{
    /// <inheritdoc />
    public override TriggerKind Kind => TriggerKind.Webhook;

    /// <summary>Verifies a delivery. Must compare in constant time and check timestamps where the app signs one.</summary>
    public required Func<WebhookRequest, WebhookVerificationContext, WebhookVerification> Verify { get; init; }

    /// <summary>Extracts the events of a verified delivery.</summary>
    public required Func<WebhookRequest, IReadOnlyList<WebhookEvent>> Extract { get; init; }

    /// <summary>The event types this trigger fires on (empty: all).</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Registers the callback URL with the app; returns what to keep for unsubscribing.</summary>
    public Func<WebhookSubscription, ConnectorContext, CancellationToken, Task<WebhookSubscription>>? Subscribe { get; init; }

    /// <summary>Removes the registration made by <see cref="Subscribe"/>.</summary>
    public Func<WebhookSubscription, ConnectorContext, CancellationToken, Task>? Unsubscribe { get; init; }

    /// <summary>Where the signing secret comes from: a credential value name, or the app-level secret (<see langword="null"/>).</summary>
    public string? SigningSecretCredential { get; init; }

    /// <summary>Whether events fire only for types in <see cref="EventTypes"/>.</summary>
    public bool Accepts(string eventType) => EventTypes.Count == 0 || EventTypes.Contains(eventType, StringComparer.Ordinal);
}

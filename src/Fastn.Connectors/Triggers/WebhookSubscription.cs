namespace Fastn.Connectors.Triggers;

/// <summary>What a subscribe handler registers with the app, and what it returns to be kept.</summary>
/// <param name="CallbackUrl">The URL the app must call: the subscription's own (<c>/webhooks/{subscriptionId}</c>).</param>
/// <param name="EventTypes">The event types wanted.</param>
public sealed record WebhookSubscription(string CallbackUrl, IReadOnlyList<string> EventTypes)
{
    /// <summary>The subscription's parameters (which repository, channel or list to watch), as the caller gave them.</summary>
    public System.Text.Json.Nodes.JsonObject Parameters { get; init; } = [];

    /// <summary>A parameter's string value, or null when it is absent or not a string.</summary>
    public string? Parameter(string name) =>
        Parameters[name] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The app's id for the registered webhook, needed to unsubscribe.</summary>
    public string? ExternalId { get; init; }

    /// <summary>
    /// A fresh random secret Fastn already stores for this subscription. A connector that chooses the hook's secret
    /// (GitHub) registers this one and returns it as <see cref="SigningSecret"/>, so even a delivery the app sends while
    /// the hook is being created verifies.
    /// </summary>
    public string? SuggestedSecret { get; init; }

    /// <summary>
    /// What the handler returns: the secret the app signs this hook's deliveries with — <see cref="SuggestedSecret"/>,
    /// one the app generated (Stripe) — or null when the app signs with the OAuth app's client secret (Shopify).
    /// </summary>
    public string? SigningSecret { get; init; }
}

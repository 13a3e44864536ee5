namespace Fastn.Connectors.Triggers;

/// <summary>What a subscribe handler registers with the app, and what it returns to be kept.</summary>
/// <param name="CallbackUrl">The URL the app must call (<c>/webhooks/{connector}/{connectionId}</c>).</param>
/// <param name="EventTypes">The event types wanted.</param>
public sealed record WebhookSubscription(string CallbackUrl, IReadOnlyList<string> EventTypes)
{
    /// <summary>The app's id for the registered webhook, needed to unsubscribe.</summary>
    public string? ExternalId { get; init; }

    /// <summary>A signing secret the app generated for this webhook, if it does (stored encrypted).</summary>
    public string? SigningSecret { get; init; }
}

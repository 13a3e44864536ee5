namespace Fastn.Connectors.Triggers;

/// <summary>The outcome of verifying a webhook delivery.</summary>
public sealed record WebhookVerification
{
    private WebhookVerification(bool isValid, string? failure, WebhookHandshake? handshake)
    {
        IsValid = isValid;
        Failure = failure;
        Handshake = handshake;
    }

    /// <summary>Whether the signature (and timestamp) checked out.</summary>
    public bool IsValid { get; }

    /// <summary>Why verification failed; safe to log (no secrets, no signatures).</summary>
    public string? Failure { get; }

    /// <summary>A verified handshake to answer directly instead of storing an event (Slack <c>url_verification</c>).</summary>
    public WebhookHandshake? Handshake { get; }

    /// <summary>The delivery is authentic.</summary>
    public static WebhookVerification Valid { get; } = new(true, null, null);

    /// <summary>The delivery must be refused (401) and nothing stored.</summary>
    public static WebhookVerification Invalid(string reason) => new(false, reason, null);

    /// <summary>The delivery is an authentic handshake; answer it with <paramref name="handshake"/>.</summary>
    public static WebhookVerification Respond(WebhookHandshake handshake) => new(true, null, handshake);
}

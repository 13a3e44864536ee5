namespace Fastn.Sandbox.Webhooks;

/// <summary>The final outcome of a delivery, after success or after the last retry.</summary>
public sealed record WebhookDeliveryResult(WebhookDelivery Delivery, IReadOnlyList<WebhookDeliveryAttempt> Attempts)
{
    /// <summary>True when an attempt was answered 2xx.</summary>
    public bool Succeeded => Attempts.Count > 0 && Attempts[^1].Succeeded;

    /// <summary>The status code of the last attempt, if the receiver answered at all.</summary>
    public int? FinalStatusCode => Attempts.Count > 0 ? Attempts[^1].StatusCode : null;
}

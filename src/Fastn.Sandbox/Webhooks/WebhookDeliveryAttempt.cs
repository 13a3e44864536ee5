namespace Fastn.Sandbox.Webhooks;

/// <summary>One HTTP attempt of a delivery: the receiver's status code, or the transport error.</summary>
public sealed record WebhookDeliveryAttempt(int Number, DateTimeOffset At, int? StatusCode, string? Error)
{
    /// <summary>True when the receiver answered 2xx.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

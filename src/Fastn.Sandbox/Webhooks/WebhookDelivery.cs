namespace Fastn.Sandbox.Webhooks;

/// <summary>One event to deliver to one endpoint; every attempt carries the same <paramref name="MessageId"/>.</summary>
/// <param name="MessageId">The <c>webhook-id</c> header value, unique per event and endpoint.</param>
/// <param name="Url">The receiver's URL.</param>
/// <param name="Secret">The endpoint's <c>whsec_…</c> signing secret.</param>
/// <param name="EventType">The event type, e.g. <c>contact.created</c> (informational).</param>
/// <param name="Body">The exact JSON body that is signed and sent.</param>
public sealed record WebhookDelivery(string MessageId, Uri Url, string Secret, string EventType, string Body);

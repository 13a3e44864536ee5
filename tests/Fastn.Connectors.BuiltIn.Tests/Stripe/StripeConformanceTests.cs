using Fastn.Connectors.BuiltIn.Stripe;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Tests.Stripe;

public sealed class StripeConformanceTests : ConnectorConformanceTests
{
    protected override ConnectorDefinition Definition => StripeConnector.Definition;

    protected override WebhookSample? CreateSignedWebhook(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var body = StripeWebhookSamples.PaymentIntentSucceeded(timestamp);
        return WebhookSample.Create(body, new Dictionary<string, string>
        {
            [StripeWebhooks.SignatureHeader] = StripeWebhooks.SignatureHeaderValue(secret, timestamp, body),
            ["Content-Type"] = "application/json; charset=utf-8",
        }) with { ExpectedEventId = StripeWebhookSamples.EventId, ExpectedEventType = "payment_intent.succeeded" };
    }
}

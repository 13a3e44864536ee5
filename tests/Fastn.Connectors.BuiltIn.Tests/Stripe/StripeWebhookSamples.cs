using System.Globalization;

namespace Fastn.Connectors.BuiltIn.Tests.Stripe;

/// <summary>Event bodies as Stripe sends them (API version 2022-11-15).</summary>
internal static class StripeWebhookSamples
{
    public const string EventId = "evt_3MtwBwLkdIwHu7ix0JYEnfDX";

    public static string PaymentIntentSucceeded(DateTimeOffset at) =>
        $$$"""{"id":"{{{EventId}}}","object":"event","api_version":"2022-11-15","created":{{{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}}},"data":{"object":{"id":"pi_3MtwBwLkdIwHu7ix28a3tqPa","object":"payment_intent","amount":2000,"amount_received":2000,"capture_method":"automatic","confirmation_method":"automatic","created":1680800504,"currency":"usd","customer":"cus_NffrFeUfNV2Hib","description":"Order #1001","latest_charge":"ch_3MtwBwLkdIwHu7ix0snN0B15","livemode":false,"metadata":{"order_id":"1001"},"payment_method":"pm_1MtwBwLkdIwHu7ixqVg2zN1q","payment_method_types":["card"],"status":"succeeded"}},"livemode":false,"pending_webhooks":1,"request":{"id":"req_8yX3z1Qk0aTf2B","idempotency_key":"run_01:step_02"},"type":"payment_intent.succeeded"}""";
}

using System.Globalization;
using System.Text;
using Fastn.Connectors.BuiltIn.HubSpot;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Tests.HubSpot;

public sealed class HubSpotConformanceTests : ConnectorConformanceTests
{
    public const string CallbackUrl = "https://fastn.example/webhooks/hubspot/conn_01";

    protected override ConnectorDefinition Definition => HubSpotConnector.Definition;

    protected override WebhookSample? CreateSignedWebhook(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp)
    {
        var type = trigger.Name == "deal_event" ? "deal.creation" : "contact.creation";
        var body = $$"""[{"eventId":1001,"subscriptionId":2400001,"portalId":44012345,"appId":1234567,"occurredAt":{{timestamp.ToUnixTimeMilliseconds()}},"subscriptionType":"{{type}}","attemptNumber":0,"objectId":51,"changeSource":"CRM","changeFlag":"NEW"}]""";
        var ms = timestamp.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var signature = HubSpotWebhooks.Sign(secret, "POST", CallbackUrl, Encoding.UTF8.GetBytes(body), ms);
        var headers = new Dictionary<string, string> { [HubSpotWebhooks.SignatureHeader] = signature, [HubSpotWebhooks.TimestampHeader] = ms };
        return new WebhookSample(new WebhookRequest(Encoding.UTF8.GetBytes(body), headers, "POST", CallbackUrl))
        {
            ExpectedEventId = "1001",
            ExpectedEventType = type,
        };
    }
}

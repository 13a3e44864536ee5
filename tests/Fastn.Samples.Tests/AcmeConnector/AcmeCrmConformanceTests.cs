using System.Globalization;
using System.Text;
using Fastn.Connectors;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;
using Fastn.Samples.AcmeConnector;

namespace Fastn.Samples.Tests.AcmeConnector;

// <snippet:conformance>
public sealed class AcmeCrmConformanceTests : ConnectorConformanceTests
{
    protected override ConnectorDefinition Definition => AcmeCrm.Definition;

    // Standard Webhooks secrets are "whsec_" + a base64 key.
    protected override string WebhookSigningSecret => "whsec_" + Convert.ToBase64String("acme-crm-conformance-signing-key"u8);

    protected override WebhookSample? CreateSignedWebhook(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp)
    {
        var body = """{"type":"contact.created","timestamp":"2025-06-01T12:00:00.000Z","data":{"id":"ct_1","email":"ada@example.com"}}""";
        var ts = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>
        {
            ["webhook-id"] = "msg_1",
            ["webhook-timestamp"] = ts,
            ["webhook-signature"] = "v1," + AcmeWebhooks.Sign(secret, "msg_1", ts, Encoding.UTF8.GetBytes(body)),
        };
        return WebhookSample.Create(body, headers) with { ExpectedEventId = "msg_1", ExpectedEventType = "contact.created" };
    }
}
// </snippet:conformance>

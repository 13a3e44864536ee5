using System.Text;
using Fastn.Connectors.BuiltIn.Xero;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Tests.Xero;

/// <summary>The SDK's conformance checks for the Xero connector, with deliveries signed the way Xero signs them.</summary>
public sealed class XeroConformanceTests : ConnectorConformanceTests
{
    protected override ConnectorDefinition Definition => XeroConnector.Definition;

    // Xero signs the body only; replays are caught by the stable event id, not by a timestamp.
    protected override IReadOnlyCollection<string> TriggersWithoutTimestamp => ["contact_event", "invoice_event"];

    protected override WebhookSample? CreateSignedWebhook(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp)
    {
        var (category, resource) = trigger.Name == "invoice_event" ? ("INVOICE", "Invoices") : ("CONTACT", "Contacts");
        var body = XeroWebhookSamples.Body(category, resource, "UPDATE", timestamp);
        var signature = XeroWebhooks.Sign(secret, Encoding.UTF8.GetBytes(body));
        return WebhookSample.Create(body, new Dictionary<string, string> { [XeroWebhooks.SignatureHeader] = signature }) with
        {
            ExpectedEventType = $"{category}.UPDATE",
            ExpectedEventId = XeroWebhooks.EventId(XeroWebhookSamples.TenantId, XeroWebhookSamples.ResourceId, category, "UPDATE",
                timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture)),
        };
    }
}

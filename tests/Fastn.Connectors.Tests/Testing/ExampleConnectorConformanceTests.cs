using System.Text.Json;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.Tests.Testing;

/// <summary>The example connector passes every conformance check: proof the base class passes a correct connector.</summary>
public sealed class ExampleConnectorConformanceTests : ConnectorConformanceTests
{
    protected override ConnectorDefinition Definition => ExampleConnector.Definition;

    protected override WebhookSample? CreateSignedWebhook(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp)
    {
        var body = JsonSerializer.Serialize(new { id = "evt_1", type = "contact.created", data = new { id = "c_1", email = "ada@example.com" } });
        return new WebhookSample(ExampleConnector.SignedDelivery(body, secret, timestamp)) { ExpectedEventId = "evt_1", ExpectedEventType = "contact.created" };
    }
}

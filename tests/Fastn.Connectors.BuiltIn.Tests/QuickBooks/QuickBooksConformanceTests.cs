using System.Text;
using Fastn.Connectors.BuiltIn.QuickBooks;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Tests.QuickBooks;

public sealed class QuickBooksConformanceTests : ConnectorConformanceTests
{
    protected override ConnectorDefinition Definition => QuickBooksConnector.Definition;

    // Intuit signs no timestamp: replays are caught by the stable event ids instead.
    protected override IReadOnlyCollection<string> TriggersWithoutTimestamp => ["data_change"];

    protected override WebhookSample? CreateSignedWebhook(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp)
    {
        var lastUpdated = timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var body = QuickBooksWebhookBodies.Delivery("9130357766855406", ("Customer", "58", "Create", lastUpdated));
        var headers = new Dictionary<string, string> { [QuickBooksWebhooks.SignatureHeader] = QuickBooksWebhooks.Sign(secret, Encoding.UTF8.GetBytes(body)) };
        return WebhookSample.Create(body, headers) with
        {
            ExpectedEventId = QuickBooksWebhooks.EventId("9130357766855406", "Customer", "58", "Create", lastUpdated),
            ExpectedEventType = "Customer.Create",
        };
    }
}

using System.Globalization;
using System.Text;
using Fastn.Connectors.BuiltIn.Slack;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Tests.Slack;

public sealed class SlackConformanceTests : ConnectorConformanceTests
{
    protected override ConnectorDefinition Definition => SlackConnector.Definition;

    protected override WebhookSample? CreateSignedWebhook(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var body = SlackEventBodies.AppMention("Ev08MFMKH6KH", timestamp);
        var ts = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return WebhookSample.Create(body, new Dictionary<string, string>
        {
            [SlackWebhooks.TimestampHeader] = ts,
            [SlackWebhooks.SignatureHeader] = SlackWebhooks.Sign(secret, ts, Encoding.UTF8.GetBytes(body)),
            ["Content-Type"] = "application/json",
        }) with { ExpectedEventId = "Ev08MFMKH6KH", ExpectedEventType = "app_mention" };
    }
}

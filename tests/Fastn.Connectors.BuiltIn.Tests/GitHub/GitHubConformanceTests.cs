using System.Text;
using Fastn.Connectors.BuiltIn.GitHub;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Tests.GitHub;

public sealed class GitHubConformanceTests : ConnectorConformanceTests
{
    protected override ConnectorDefinition Definition => GitHubConnector.Definition;

    // GitHub signs only the body: no timestamp, so no staleness check (delivery ids de-duplicate replays).
    protected override IReadOnlyCollection<string> TriggersWithoutTimestamp => ["issue_event", "pull_request_event"];

    protected override WebhookSample? CreateSignedWebhook(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        var (eventName, body) = trigger.Name == "pull_request_event"
            ? ("pull_request", """{"action":"opened","number":7,"pull_request":{"id":2000007,"number":7,"title":"Fix login","state":"open","updated_at":"2025-06-01T12:00:00Z"},"repository":{"id":1296269,"full_name":"octocat/hello-world"},"sender":{"login":"octocat","id":583231}}""")
            : ("issues", """{"action":"opened","issue":{"id":1000042,"number":42,"title":"Found a bug","state":"open","updated_at":"2025-06-01T12:00:00Z"},"repository":{"id":1296269,"full_name":"octocat/hello-world"},"sender":{"login":"octocat","id":583231}}""");
        var delivery = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
        return WebhookSample.Create(body, new Dictionary<string, string>
        {
            [GitHubWebhooks.SignatureHeader] = GitHubWebhooks.Sign(secret, Encoding.UTF8.GetBytes(body)),
            [GitHubWebhooks.DeliveryHeader] = delivery,
            [GitHubWebhooks.EventHeader] = eventName,
            ["X-GitHub-Hook-ID"] = "292430182",
        }) with { ExpectedEventId = delivery, ExpectedEventType = eventName + ".opened" };
    }
}

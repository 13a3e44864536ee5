using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Triggers;

namespace Fastn.Server.Tests.Infrastructure;

/// <summary>API-key connectors pointed at a <see cref="StubApp"/>: one sends the key in the query, one in a header.</summary>
public static class StubConnectors
{
    public const string Query = "stub-query";
    public const string Header = "stub-header";

    public static ConnectorDefinition Create(string name, string baseUrl, AuthMethods auth)
    {
        var definition = new ConnectorDefinition
        {
            Name = name,
            DisplayName = "Stub " + name,
            Description = "A test app.",
            BaseUrl = baseUrl,
            Auth = auth,
        };
        definition.Actions.Add(Get("echo", "echo"));
        definition.Actions.Add(Get("html", "html"));
        definition.Actions.Add(Get("hang", "hang") with { Timeout = TimeSpan.FromSeconds(1) });
        definition.Actions.Add(Get("flaky", "flaky"));
        // Signed like GitHub (hex HMAC-SHA256 of the body after "sha256="); a signed {"ping":true} is a handshake.
        definition.Triggers.Add(Define.WebhookTrigger("item_event", "The stub app pushed an item event.",
            (request, context) => request.BodyText.Contains("\"ping\":true", StringComparison.Ordinal) && Signed(request, context).IsValid
                ? WebhookVerification.Respond(new WebhookHandshake(200, "application/json", "{\"pong\":true}"))
                : Signed(request, context),
            ExtractItemEvents, ["item.created", "item.updated"]));
        return definition;
    }

    public static ConnectorDefinition QueryKey(string baseUrl) => Create(Query, baseUrl, Auth.ApiKeyQuery("api_key"));

    public static ConnectorDefinition HeaderKey(string baseUrl) => Create(Header, baseUrl, Auth.ApiKeyHeader("X-Api-Key"));

    public const string SignatureHeader = "X-Stub-Signature";

    private static readonly Func<WebhookRequest, WebhookVerificationContext, WebhookVerification> Signed =
        WebhookVerifiers.HmacBody(SignatureHeader, prefix: "sha256=");

    // {"events":[{"id":"…","type":"item.created","data":{…}}]}; a body that is not such JSON throws, as a real extractor would.
    private static IReadOnlyList<WebhookEvent> ExtractItemEvents(WebhookRequest request) =>
        [.. JsonNode.Parse(request.BodyText)!["events"]!.AsArray().Select(e => new WebhookEvent(
            e!["id"]?.GetValue<string>() ?? "", e["type"]!.GetValue<string>(), e["data"]?.DeepClone()))];

    private static JsonActionDefinition Get(string name, string path) =>
        Define.JsonAction(name, $"GET /{path} on the stub.", new JsonObject { ["type"] = "object" }, new JsonObject { ["type"] = "object" },
            async (_, ctx, ct) => await ctx.Http.GetJsonAsync<JsonNode>(path, ct), ActionHints.Read("stub"));
}

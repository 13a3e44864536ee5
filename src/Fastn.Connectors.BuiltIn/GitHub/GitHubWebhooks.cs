using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.GitHub;

/// <summary>
/// GitHub's webhook scheme: <c>X-Hub-Signature-256: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c> keyed with the
/// hook's secret, the delivery GUID in <c>X-GitHub-Delivery</c> (the event id) and the event name in
/// <c>X-GitHub-Event</c> (the type is <c>{event}.{action}</c> when the payload has an action, e.g. <c>issues.opened</c>).
/// GitHub signs no timestamp, so there is no replay window; de-duplication by delivery id does that job.
/// </summary>
public static class GitHubWebhooks
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Hub-Signature-256";

    /// <summary>The delivery id header.</summary>
    public const string DeliveryHeader = "X-GitHub-Delivery";

    /// <summary>The event name header.</summary>
    public const string EventHeader = "X-GitHub-Event";

    /// <summary>Verifies the signature in constant time; a signed <c>ping</c> (sent when a hook is created) is answered directly.</summary>
    public static WebhookVerification Verify(WebhookRequest request, WebhookVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var signature = request.Header(SignatureHeader);
        if (signature is null)
        {
            return WebhookVerification.Invalid($"Missing {SignatureHeader} header (is a secret set on the GitHub webhook?).");
        }

        if (!signature.StartsWith("sha256=", StringComparison.Ordinal))
        {
            return WebhookVerification.Invalid($"{SignatureHeader} is not of the form sha256=<hex>.");
        }

        if (string.IsNullOrEmpty(context.SigningSecret))
        {
            return WebhookVerification.Invalid("No signing secret is configured for this webhook.");
        }

        var expected = Encoding.ASCII.GetBytes(Sign(context.SigningSecret, request.Body.Span));
        var actual = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            return WebhookVerification.Invalid($"{SignatureHeader} does not match the body and secret.");
        }

        if (request.Header(EventHeader) == "ping")
        {
            return WebhookVerification.Respond(new WebhookHandshake(200, "application/json", """{"ok":true}"""));
        }

        return WebhookVerification.Valid;
    }

    /// <summary>The one event of a delivery: id from <c>X-GitHub-Delivery</c>, type <c>{X-GitHub-Event}.{action}</c>, the payload.</summary>
    public static IReadOnlyList<WebhookEvent> Extract(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonObject body;
        try
        {
            body = JsonNode.Parse(request.BodyText) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            body = [];
        }

        var name = request.Header(EventHeader) ?? "unknown";
        var action = body["action"]?.GetValueKind() == JsonValueKind.String ? body["action"]!.GetValue<string>() : null;
        var type = action is null ? name : $"{name}.{action}";
        return [new WebhookEvent(request.Header(DeliveryHeader) ?? "", type, body) { OccurredAt = OccurredAt(body) }];
    }

    /// <summary>The <c>X-Hub-Signature-256</c> value of a body: <c>sha256=</c> and the lower-case hex HMAC-SHA256.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    private static DateTimeOffset? OccurredAt(JsonObject body)
    {
        // The changed object's updated_at is the best "when" GitHub gives (issues, comments, pull requests).
        foreach (var member in new[] { "comment", "issue", "pull_request" })
        {
            if (body[member] is JsonObject item && item["updated_at"]?.GetValueKind() == JsonValueKind.String
                && DateTimeOffset.TryParse(item["updated_at"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return at;
            }
        }

        return null;
    }
}

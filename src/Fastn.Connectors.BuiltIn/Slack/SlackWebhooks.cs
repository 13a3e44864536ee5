using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Slack;

/// <summary>
/// Slack's Events API request signing: <c>X-Slack-Signature: v0=&lt;hex HMAC-SHA256 of "v0:{timestamp}:{body}"&gt;</c> keyed with the
/// app's signing secret, <c>X-Slack-Request-Timestamp</c> within the tolerance (5 minutes), and the <c>url_verification</c> handshake.
/// </summary>
public static class SlackWebhooks
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-Slack-Signature";

    /// <summary>The timestamp header (Unix seconds).</summary>
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    /// <summary>Verifies a delivery; answers Slack's <c>url_verification</c> handshake with its challenge once the signature checks out.</summary>
    public static WebhookVerification Verify(WebhookRequest request, WebhookVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var timestamp = request.Header(TimestampHeader);
        var signature = request.Header(SignatureHeader);
        if (timestamp is null || signature is null)
        {
            return WebhookVerification.Invalid($"Missing {TimestampHeader} or {SignatureHeader} header.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookVerification.Invalid($"{TimestampHeader} is not a number of seconds.");
        }

        var age = context.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > context.Tolerance)
        {
            return WebhookVerification.Invalid($"The timestamp is {age.Duration().TotalSeconds:0} s away from now; the tolerance is {context.Tolerance.TotalSeconds:0} s.");
        }

        var expected = Sign(context.SigningSecret, timestamp, request.Body.Span);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature), Encoding.ASCII.GetBytes(expected)))
        {
            return WebhookVerification.Invalid("The v0 signature does not match the body.");
        }

        var body = Parse(request.BodyText);
        if (body is not null && Str(body["type"]) == "url_verification")
        {
            var challenge = Str(body["challenge"]) ?? "";
            return WebhookVerification.Respond(new WebhookHandshake(200, "text/plain", challenge));
        }

        return WebhookVerification.Valid;
    }

    /// <summary>
    /// The event of an <c>event_callback</c>: id <c>event_id</c>, type <c>event.type</c>, payload the <c>event</c> object with
    /// <c>team_id</c> and <c>api_app_id</c> added. Slack sends one event per request; retries carry the same <c>event_id</c>.
    /// </summary>
    public static IReadOnlyList<WebhookEvent> Extract(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Parse(request.BodyText) is not { } body)
        {
            return [];
        }

        switch (Str(body["type"]))
        {
            case "event_callback":
                var inner = body["event"] as JsonObject ?? [];
                var payload = (JsonObject)inner.DeepClone();
                payload.TryAdd("team_id", body["team_id"]?.DeepClone());
                payload.TryAdd("api_app_id", body["api_app_id"]?.DeepClone());
                DateTimeOffset? at = body["event_time"] is JsonValue t && t.TryGetValue<long>(out var time) ? DateTimeOffset.FromUnixTimeSeconds(time) : null;
                var id = Str(body["event_id"]) ?? "";
                return [new WebhookEvent(id, Str(inner["type"]) ?? "unknown", payload) { OccurredAt = at }];
            case "app_rate_limited":
                var minute = body["minute_rate_limited"]?.ToString() ?? "";
                return [new WebhookEvent($"app_rate_limited:{body["team_id"]}:{minute}", "app_rate_limited", body.DeepClone())];
            default:
                return [];
        }
    }

    /// <summary>The <c>X-Slack-Signature</c> value of a body: <c>v0=</c> and the lower-case hex HMAC-SHA256 of <c>v0:{timestamp}:{body}</c>.</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(signingSecret);
        ArgumentNullException.ThrowIfNull(timestamp);
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), content));
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

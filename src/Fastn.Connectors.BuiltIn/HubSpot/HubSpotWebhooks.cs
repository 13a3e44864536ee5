using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.HubSpot;

/// <summary>
/// HubSpot's v3 webhook signature: <c>X-HubSpot-Signature-v3</c> = base64 HMAC-SHA256, keyed with the app's client secret,
/// over <c>method + URL + raw body + X-HubSpot-Request-Timestamp</c> (milliseconds); deliveries older than 5 minutes are refused.
/// The body is a JSON array of events, each with <c>eventId</c>, <c>subscriptionType</c>, <c>objectId</c> and <c>occurredAt</c>.
/// </summary>
public static class HubSpotWebhooks
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "X-HubSpot-Signature-v3";

    /// <summary>The timestamp header (Unix milliseconds).</summary>
    public const string TimestampHeader = "X-HubSpot-Request-Timestamp";

    /// <summary>Verifies signature and timestamp; the URL must be the public callback URL HubSpot called (<see cref="WebhookRequest.Url"/>).</summary>
    public static WebhookVerification Verify(WebhookRequest request, WebhookVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var signature = request.Header(SignatureHeader);
        var timestamp = request.Header(TimestampHeader);
        if (signature is null || timestamp is null)
        {
            return WebhookVerification.Invalid($"Missing {SignatureHeader} or {TimestampHeader} header.");
        }

        if (request.Url is null)
        {
            return WebhookVerification.Invalid("The request URL is unknown; HubSpot's v3 signature covers it.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return WebhookVerification.Invalid($"{TimestampHeader} is not a number of milliseconds.");
        }

        var age = context.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        if (age.Duration() > context.Tolerance)
        {
            return WebhookVerification.Invalid($"The timestamp is {age.Duration().TotalSeconds:0} s away from now; the tolerance is {context.Tolerance.TotalSeconds:0} s.");
        }

        var expected = Sign(context.SigningSecret, request.Method, request.Url, request.Body.Span, timestamp);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(signature.Trim()), Encoding.ASCII.GetBytes(expected))
            ? WebhookVerification.Valid
            : WebhookVerification.Invalid($"{SignatureHeader} does not match the method, URL, body and timestamp.");
    }

    /// <summary>Extracts every event of a delivery (HubSpot batches up to 100 in one array).</summary>
    public static IReadOnlyList<WebhookEvent> Extract(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var events = new List<WebhookEvent>();
        var root = JsonNode.Parse(request.BodyText);
        IEnumerable<JsonObject> items = root switch
        {
            JsonArray array => array.OfType<JsonObject>(),
            JsonObject single => [single],
            _ => [],
        };
        foreach (var item in items)
        {
            var id = Scalar(item["eventId"]);
            var type = Scalar(item["subscriptionType"]);
            if (id is null || type is null)
            {
                continue;
            }

            DateTimeOffset? at = item["occurredAt"]?.GetValueKind() == JsonValueKind.Number
                ? DateTimeOffset.FromUnixTimeMilliseconds(item["occurredAt"]!.GetValue<long>())
                : null;
            events.Add(new WebhookEvent(id, type, item.DeepClone()) { OccurredAt = at });
        }

        return events;
    }

    /// <summary>The base64 v3 signature of a delivery.</summary>
    public static string Sign(string clientSecret, string method, string url, ReadOnlySpan<byte> body, string timestamp)
    {
        ArgumentNullException.ThrowIfNull(clientSecret);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(url);
        var prefix = Encoding.UTF8.GetBytes(method.ToUpperInvariant() + url);
        var suffix = Encoding.UTF8.GetBytes(timestamp);
        var content = new byte[prefix.Length + body.Length + suffix.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        suffix.CopyTo(content, prefix.Length + body.Length);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(clientSecret), content));
    }

    private static string? Scalar(JsonNode? node) => node?.GetValueKind() switch
    {
        JsonValueKind.String => node.GetValue<string>(),
        JsonValueKind.Number => node.ToJsonString(),
        _ => null,
    };
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Xero;

/// <summary>
/// Xero webhooks: <c>x-xero-signature</c> is the base64 HMAC-SHA256 of the raw body keyed with the app's webhook key
/// (UTF-8). Xero signs no timestamp. Before it sends events, Xero checks the endpoint with "intent to receive"
/// deliveries whose <c>events</c> list is empty: a correctly signed one must be answered 200, a wrongly signed one 401.
/// </summary>
public static class XeroWebhooks
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "x-xero-signature";

    /// <summary>Verifies the signature (constant time); an authentic delivery with no events is the intent-to-receive handshake.</summary>
    public static WebhookVerification Verify(WebhookRequest request, WebhookVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var signature = request.Header(SignatureHeader);
        if (string.IsNullOrEmpty(signature))
        {
            return WebhookVerification.Invalid("Missing x-xero-signature header.");
        }

        var expected = Encoding.ASCII.GetBytes(Sign(context.SigningSecret, request.Body.Span));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.Trim())))
        {
            return WebhookVerification.Invalid("x-xero-signature does not match the body signed with the webhook key.");
        }

        // Intent to receive: authentic but empty; answer 200 with an empty body and store nothing.
        return IsIntentToReceive(request) ? WebhookVerification.Respond(new WebhookHandshake(200, "text/plain", "")) : WebhookVerification.Valid;
    }

    /// <summary>The events of a verified delivery: type <c>{eventCategory}.{eventType}</c> (<c>CONTACT.UPDATE</c>), id a stable hash.</summary>
    public static IReadOnlyList<WebhookEvent> Extract(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Parse(request.BodyText);
        var events = new List<WebhookEvent>();
        foreach (var item in body?["events"] as JsonArray ?? [])
        {
            if (item is not JsonObject e)
            {
                continue;
            }

            var category = Text(e, "eventCategory");
            var type = Text(e, "eventType");
            var date = Text(e, "eventDateUtc");
            DateTimeOffset? at = DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
                ? parsed : null;
            events.Add(new WebhookEvent(EventId(Text(e, "tenantId"), Text(e, "resourceId"), category, type, date), $"{category}.{type}", e.DeepClone())
            {
                OccurredAt = at,
            });
        }

        return events;
    }

    /// <summary>The base64 HMAC-SHA256 of <paramref name="body"/> keyed with the webhook key (UTF-8).</summary>
    public static string Sign(string webhookKey, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(webhookKey);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookKey), body));
    }

    /// <summary>Xero events carry no id: a stable one is the SHA-256 of tenant, resource, category, type and time.</summary>
    public static string EventId(string tenantId, string resourceId, string eventCategory, string eventType, string eventDateUtc)
    {
        var key = string.Join('|', tenantId, resourceId, eventCategory, eventType, eventDateUtc);
        return "xero_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

    private static bool IsIntentToReceive(WebhookRequest request) =>
        Parse(request.BodyText)?["events"] is JsonArray { Count: 0 };

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

    private static string Text(JsonObject e, string name) =>
        e[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}

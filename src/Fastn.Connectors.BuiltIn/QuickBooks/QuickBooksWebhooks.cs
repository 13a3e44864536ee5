using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.QuickBooks;

/// <summary>
/// QuickBooks Online webhooks: <c>intuit-signature</c> is the base64 HMAC-SHA256 of the raw body keyed with the app's
/// verifier token (UTF-8). Intuit signs no timestamp and sends no event id; a delivery batches
/// <c>eventNotifications[].dataChangeEvent.entities[]</c>, one Fastn event per entity.
/// </summary>
public static class QuickBooksWebhooks
{
    /// <summary>The signature header.</summary>
    public const string SignatureHeader = "intuit-signature";

    /// <summary>Verifies the signature in constant time.</summary>
    public static WebhookVerification Verify(WebhookRequest request, WebhookVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var signature = request.Header(SignatureHeader);
        if (string.IsNullOrWhiteSpace(signature))
        {
            return WebhookVerification.Invalid("Missing intuit-signature header.");
        }

        var expected = Encoding.ASCII.GetBytes(Sign(context.SigningSecret, request.Body.Span));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.Trim()))
            ? WebhookVerification.Valid
            : WebhookVerification.Invalid("intuit-signature does not match the body signed with the verifier token.");
    }

    /// <summary>One event per changed entity: type <c>{name}.{operation}</c> (<c>Customer.Create</c>), id a stable hash.</summary>
    public static IReadOnlyList<WebhookEvent> Extract(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var events = new List<WebhookEvent>();
        foreach (var notification in Parse(request.BodyText)?["eventNotifications"] as JsonArray ?? [])
        {
            var realmId = Text(notification?["realmId"]);
            foreach (var item in notification?["dataChangeEvent"]?["entities"] as JsonArray ?? [])
            {
                if (item is not JsonObject entity)
                {
                    continue;
                }

                var name = Text(entity["name"]);
                var id = Text(entity["id"]);
                var operation = Text(entity["operation"]);
                var lastUpdated = Text(entity["lastUpdated"]);
                var payload = (JsonObject)entity.DeepClone();
                payload["realmId"] = realmId;
                events.Add(new WebhookEvent(EventId(realmId, name, id, operation, lastUpdated), $"{name}.{operation}", payload)
                {
                    OccurredAt = DateTimeOffset.TryParse(lastUpdated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
                });
            }
        }

        return events;
    }

    /// <summary>The base64 HMAC-SHA256 of <paramref name="body"/> keyed with the verifier token (UTF-8).</summary>
    public static string Sign(string verifierToken, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(verifierToken);
        return Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), body));
    }

    /// <summary>Intuit events carry no id: a stable one is the SHA-256 of realm, entity name, id, operation and time.</summary>
    public static string EventId(string realmId, string name, string id, string operation, string lastUpdated)
    {
        var key = string.Join('|', realmId, name, id, operation, lastUpdated);
        return "qbo_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
    }

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

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Stripe;

/// <summary>
/// Stripe's webhook signatures: <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of "t.body"&gt;[,v1=…]</c>
/// keyed with the endpoint's <c>whsec_…</c> secret as it is (UTF-8, not base64-decoded); several <c>v1</c> values
/// appear while a secret is being rolled. Event id and type come from the event body.
/// </summary>
public static class StripeWebhooks
{
    /// <summary>The header Stripe signs deliveries with.</summary>
    public const string SignatureHeader = "Stripe-Signature";

    /// <summary>Verifies the signature (constant-time) and that <c>t</c> is within the tolerance (default 5 minutes).</summary>
    public static WebhookVerification Verify(WebhookRequest request, WebhookVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var header = request.Header(SignatureHeader);
        if (string.IsNullOrWhiteSpace(header))
        {
            return WebhookVerification.Invalid("Missing Stripe-Signature header.");
        }

        string? timestamp = null;
        var signatures = new List<string>();
        foreach (var item in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = item.Split('=', 2);
            if (pair.Length != 2)
            {
                continue;
            }

            if (pair[0] == "t")
            {
                timestamp = pair[1];
            }
            else if (pair[0] == "v1")
            {
                signatures.Add(pair[1]);
            }
        }

        if (timestamp is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookVerification.Invalid("Stripe-Signature has no numeric t= timestamp.");
        }

        if (signatures.Count == 0)
        {
            return WebhookVerification.Invalid("Stripe-Signature has no v1= signature.");
        }

        var age = context.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > context.Tolerance)
        {
            return WebhookVerification.Invalid($"The timestamp is {age.Duration().TotalSeconds:0} s away from now; the tolerance is {context.Tolerance.TotalSeconds:0} s.");
        }

        var expected = Encoding.ASCII.GetBytes(Sign(context.SigningSecret, timestamp, request.Body.Span));
        foreach (var candidate in signatures)
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate.ToLowerInvariant()), expected))
            {
                return WebhookVerification.Valid;
            }
        }

        return WebhookVerification.Invalid("No v1 signature matches the body and the endpoint's signing secret.");
    }

    /// <summary>The one event of a delivery: id <c>evt_…</c>, type (<c>payment_intent.succeeded</c>), and <c>data.object</c> as payload.</summary>
    public static IReadOnlyList<WebhookEvent> Extract(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonNode.Parse(request.BodyText) as JsonObject ?? [];
        var id = body["id"]?.GetValue<string>() ?? "";
        var type = body["type"]?.GetValue<string>() ?? "unknown";
        DateTimeOffset? at = body["created"] is JsonValue created && created.TryGetValue<long>(out var unix) ? DateTimeOffset.FromUnixTimeSeconds(unix) : null;
        return [new WebhookEvent(id, type, body["data"]?["object"]?.DeepClone()) { OccurredAt = at }];
    }

    /// <summary>The hex v1 signature of <paramref name="body"/> sent at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), content));
    }

    /// <summary>The whole <c>Stripe-Signature</c> header value for <paramref name="body"/> signed at <paramref name="at"/>.</summary>
    public static string SignatureHeaderValue(string secret, DateTimeOffset at, string body)
    {
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"t={t},v1={Sign(secret, t, Encoding.UTF8.GetBytes(body))}";
    }
}

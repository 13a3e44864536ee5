using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.Triggers;

namespace Fastn.Samples.AcmeConnector;

/// <summary>
/// Acme signs webhooks the Standard Webhooks way: <c>webhook-id</c>, <c>webhook-timestamp</c> and
/// <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "id.timestamp.body"&gt;</c>, keyed with the base64 part of a <c>whsec_</c> secret.
/// </summary>
public static class AcmeWebhooks
{
    // <snippet:webhook-verify>
    /// <summary>Verifies signature and timestamp with the SDK's Standard Webhooks verifier (constant-time, tolerance from the context).</summary>
    public static WebhookVerification Verify(WebhookRequest request, WebhookVerificationContext context) =>
        WebhookVerifiers.StandardWebhooks(request, context);
    // </snippet:webhook-verify>

    /// <summary>Extracts the one event of a delivery: id from <c>webhook-id</c>, type and data from the body.</summary>
    public static IReadOnlyList<WebhookEvent> Extract(WebhookRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = JsonNode.Parse(request.BodyText) as JsonObject ?? [];
        var type = body["type"]?.GetValue<string>() ?? "unknown";
        DateTimeOffset? at = DateTimeOffset.TryParse(body["timestamp"]?.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
        return [new WebhookEvent(request.Header("webhook-id") ?? "", type, body["data"]?.DeepClone()) { OccurredAt = at }];
    }

    /// <summary>The base64 v1 signature of a delivery (without the <c>v1,</c> prefix).</summary>
    public static string Sign(string secret, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return TryGetKey(secret, out var key)
            ? Sign(key, id, timestamp, body)
            : throw new ArgumentException("The secret is not a whsec_ secret with a base64 key.", nameof(secret));
    }

    private static string Sign(byte[] key, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    private static bool TryGetKey(string secret, out byte[] key)
    {
        var encoded = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret;
        key = new byte[encoded.Length];
        if (Convert.TryFromBase64String(encoded, key, out var written) && written > 0)
        {
            key = key[..written];
            return true;
        }

        key = [];
        return false;
    }
}

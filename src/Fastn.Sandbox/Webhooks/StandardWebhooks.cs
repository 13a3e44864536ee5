using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fastn.Sandbox.Webhooks;

/// <summary>
/// Signing and verification per the Standard Webhooks specification (https://www.standardwebhooks.com):
/// <c>webhook-signature: v1,{base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}"))}</c> where the key is the
/// base64-decoded part of a <c>whsec_…</c> secret.
/// </summary>
public static class StandardWebhooks
{
    /// <summary>Header carrying the message id, identical on every retry of one event.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>Header carrying the attempt's Unix time in seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>Header carrying one or more space-separated <c>v1,{signature}</c> values.</summary>
    public const string SignatureHeader = "webhook-signature";

    /// <summary>Prefix of every secret.</summary>
    public const string SecretPrefix = "whsec_";

    /// <summary>Creates a new random secret <c>whsec_{base64 of 32 bytes}</c>.</summary>
    public static string GenerateSecret() => SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>Creates a message id <c>msg_{random}</c>.</summary>
    public static string NewMessageId() => "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    /// <summary>Computes the <c>v1,{base64}</c> signature of one message.</summary>
    public static string Sign(string secret, string messageId, long unixTimestamp, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var payload = Encoding.UTF8.GetBytes($"{messageId}.{unixTimestamp.ToString(CultureInfo.InvariantCulture)}.{body}");
        var mac = HMACSHA256.HashData(DecodeSecret(secret), payload);
        return "v1," + Convert.ToBase64String(mac);
    }

    /// <summary>
    /// Verifies the headers of a delivery: any <c>v1</c> signature in <paramref name="signatureHeader"/> matches
    /// (constant-time) and the timestamp is within <paramref name="tolerance"/> of <paramref name="now"/>.
    /// </summary>
    public static bool Verify(
        string secret, string messageId, string timestampHeader, string signatureHeader, string body,
        DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return false;
        }

        var sent = DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if ((now - sent).Duration() > tolerance)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, messageId, timestamp, body));
        foreach (var candidate in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate), expected))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Decodes the key bytes of a <c>whsec_…</c> secret (the prefix is optional).</summary>
    public static byte[] DecodeSecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var encoded = secret.StartsWith(SecretPrefix, StringComparison.Ordinal) ? secret[SecretPrefix.Length..] : secret;
        return Convert.FromBase64String(encoded);
    }
}

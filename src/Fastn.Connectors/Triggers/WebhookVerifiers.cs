using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fastn.Connectors.Triggers;

/// <summary>The hash of an HMAC webhook signature.</summary>
public enum HmacHash
{
    /// <summary>HMAC-SHA256 (GitHub, Shopify, Slack, most apps).</summary>
    Sha256,

    /// <summary>HMAC-SHA1 (Twilio, older GitHub hooks).</summary>
    Sha1,

    /// <summary>HMAC-SHA512.</summary>
    Sha512,
}

/// <summary>How an HMAC signature is written in its header.</summary>
public enum SignatureEncoding
{
    /// <summary>Hexadecimal, either case.</summary>
    Hex,

    /// <summary>Standard base64.</summary>
    Base64,
}

/// <summary>
/// Ready-made verifiers for the common webhook signing schemes, so a connector verifies in one line:
/// <c>Verify = WebhookVerifiers.HmacBody("X-Acme-Signature", prefix: "sha256=")</c>. Every comparison is constant-time,
/// every failure reason is safe to log (no secret, no signature), and a missing secret fails closed.
/// </summary>
public static class WebhookVerifiers
{
    /// <summary>The Standard Webhooks id header.</summary>
    public const string StandardIdHeader = "webhook-id";

    /// <summary>The Standard Webhooks timestamp header (Unix seconds).</summary>
    public const string StandardTimestampHeader = "webhook-timestamp";

    /// <summary>The Standard Webhooks signature header (space-separated <c>v1,&lt;base64&gt;</c> entries).</summary>
    public const string StandardSignatureHeader = "webhook-signature";

    /// <summary>
    /// An HMAC of the raw body, keyed with the signing secret's UTF-8 bytes, in <paramref name="header"/>
    /// (after <paramref name="prefix"/>, such as <c>sha256=</c>).
    /// </summary>
    public static Func<WebhookRequest, WebhookVerificationContext, WebhookVerification> HmacBody(string header,
        HmacHash hash = HmacHash.Sha256, SignatureEncoding encoding = SignatureEncoding.Hex, string? prefix = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(header);
        return (request, context) =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(context);
            return Check(request, context, header, hash, encoding, prefix, request.Body.Span);
        };
    }

    /// <summary>
    /// An HMAC of the full URL the app called followed by the form parameters sorted by name, each as name then value
    /// (Twilio's scheme; the default is its HMAC-SHA1 in base64). The URL is <see cref="WebhookRequest.Url"/>, the
    /// public one behind proxies; a request without it fails closed.
    /// </summary>
    public static Func<WebhookRequest, WebhookVerificationContext, WebhookVerification> HmacUrlAndParams(string header,
        HmacHash hash = HmacHash.Sha1, SignatureEncoding encoding = SignatureEncoding.Base64)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(header);
        return (request, context) =>
        {
            ArgumentNullException.ThrowIfNull(request);
            ArgumentNullException.ThrowIfNull(context);
            if (string.IsNullOrEmpty(request.Url))
            {
                return WebhookVerification.Invalid("The URL the app called is not known, and this scheme signs it; nothing was accepted.");
            }

            var signed = new StringBuilder(request.Url);
            if (IsForm(request))
            {
                foreach (var (name, value) in FormPairs(request.BodyText).OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    signed.Append(name).Append(value);
                }
            }

            return Check(request, context, header, hash, encoding, prefix: null, Encoding.UTF8.GetBytes(signed.ToString()));
        };
    }

    /// <summary>
    /// Standard Webhooks (standardwebhooks.com): HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c> keyed with
    /// the base64 secret after <c>whsec_</c>, any of several space-separated <c>v1,</c> signatures (so secrets rotate),
    /// and a timestamp within the context's tolerance in both directions.
    /// </summary>
    public static WebhookVerification StandardWebhooks(WebhookRequest request, WebhookVerificationContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var id = request.Header(StandardIdHeader);
        var timestamp = request.Header(StandardTimestampHeader);
        var signatures = request.Header(StandardSignatureHeader);
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return WebhookVerification.Invalid($"A Standard Webhooks delivery needs the {StandardIdHeader}, {StandardTimestampHeader} and {StandardSignatureHeader} headers.");
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return WebhookVerification.Invalid($"{StandardTimestampHeader} is not a Unix time in seconds.");
        }

        var age = context.Time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age > context.Tolerance || -age > context.Tolerance)
        {
            return WebhookVerification.Invalid($"{StandardTimestampHeader} is {(age > TimeSpan.Zero ? "older" : "further in the future")} than the tolerance of {context.Tolerance.TotalSeconds:0} s; replays and skewed clocks are refused.");
        }

        if (StandardKey(context.SigningSecret) is not { } key)
        {
            return WebhookVerification.Invalid("No usable signing secret is configured (expected whsec_ followed by base64).");
        }

        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var content = new byte[prefix.Length + request.Body.Length];
        prefix.CopyTo(content, 0);
        request.Body.Span.CopyTo(content.AsSpan(prefix.Length));
        var expected = HMACSHA256.HashData(key, content);
        foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',', StringComparison.Ordinal);
            if (comma <= 0 || entry[..comma] != "v1" || Decode(entry[(comma + 1)..], SignatureEncoding.Base64) is not { } presented)
            {
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(expected, presented))
            {
                return WebhookVerification.Valid;
            }
        }

        return WebhookVerification.Invalid($"No v1 signature in {StandardSignatureHeader} matches the body and secret.");
    }

    /// <summary>
    /// The Standard Webhooks <c>webhook-signature</c> value (<c>v1,&lt;base64&gt;</c>) of a delivery, as
    /// <see cref="StandardWebhooks"/> checks it; <paramref name="secret"/> is a <c>whsec_</c> secret.
    /// </summary>
    public static string SignStandard(string secret, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var key = StandardKey(secret) ?? throw new ArgumentException("The secret is not whsec_ followed by base64.", nameof(secret));
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp.ToString(CultureInfo.InvariantCulture)}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>A new random Standard Webhooks secret: <c>whsec_</c> and 24 random bytes in base64.</summary>
    public static string NewStandardSecret() => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));

    /// <summary>Signs content the way <see cref="HmacBody"/> checks it (for simulations and tests).</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> content, HmacHash hash = HmacHash.Sha256, SignatureEncoding encoding = SignatureEncoding.Hex)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var mac = Hmac(hash, Encoding.UTF8.GetBytes(secret), content);
        return encoding == SignatureEncoding.Hex ? Convert.ToHexStringLower(mac) : Convert.ToBase64String(mac);
    }

    private static WebhookVerification Check(WebhookRequest request, WebhookVerificationContext context, string header,
        HmacHash hash, SignatureEncoding encoding, string? prefix, ReadOnlySpan<byte> content)
    {
        var value = request.Header(header);
        if (string.IsNullOrEmpty(value))
        {
            return WebhookVerification.Invalid($"Missing {header} header.");
        }

        if (prefix is not null && !value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return WebhookVerification.Invalid($"{header} does not start with '{prefix}'.");
        }

        if (string.IsNullOrEmpty(context.SigningSecret))
        {
            return WebhookVerification.Invalid("No signing secret is configured for this webhook.");
        }

        if (Decode(prefix is null ? value : value[prefix.Length..], encoding) is not { } presented)
        {
            return WebhookVerification.Invalid($"{header} is not {(encoding == SignatureEncoding.Hex ? "hexadecimal" : "base64")}.");
        }

        var expected = Hmac(hash, Encoding.UTF8.GetBytes(context.SigningSecret), content);
        return CryptographicOperations.FixedTimeEquals(expected, presented)
            ? WebhookVerification.Valid
            : WebhookVerification.Invalid($"{header} does not match the signed content and secret.");
    }

    private static byte[] Hmac(HmacHash hash, byte[] key, ReadOnlySpan<byte> content) => hash switch
    {
        HmacHash.Sha1 => HMACSHA1.HashData(key, content),
        HmacHash.Sha512 => HMACSHA512.HashData(key, content),
        _ => HMACSHA256.HashData(key, content),
    };

    private static byte[]? Decode(string text, SignatureEncoding encoding)
    {
        try
        {
            return encoding == SignatureEncoding.Hex ? Convert.FromHexString(text.Trim()) : Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[]? StandardKey(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return null;
        }

        var text = secret.StartsWith("whsec_", StringComparison.Ordinal) ? secret["whsec_".Length..] : secret;
        return Decode(text, SignatureEncoding.Base64) is { Length: > 0 } key ? key : null;
    }

    private static bool IsForm(WebhookRequest request) =>
        request.Header("Content-Type") is { } type
        && type.Split(';', 2)[0].Trim().Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<(string Name, string Value)> FormPairs(string body)
    {
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? "" : pair[(equals + 1)..];
            yield return (Unescape(name), Unescape(value));
        }
    }

    private static string Unescape(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}

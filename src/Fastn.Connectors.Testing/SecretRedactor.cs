using System.Text.Json.Nodes;
using Fastn.Connectors.Authentication;

namespace Fastn.Connectors.Testing;

/// <summary>
/// Replaces secrets in recorded traffic with <c>***</c>: auth headers (keeping their scheme, <c>Bearer ***</c>), key-like
/// headers and query values, and any secret credential value wherever it appears.
/// </summary>
internal sealed class SecretRedactor
{
    private static readonly string[] SecretWords = ["authorization", "cookie", "token", "secret", "password", "signature", "session", "api-key", "apikey", "api_key", "x-api-key"];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _schemeHeaders = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _values;

    public SecretRedactor(AuthMethod method, AuthCredentials credentials)
    {
        switch (method)
        {
            case ApiKeyAuth apiKey:
                _names.Add(apiKey.Name);
                break;
            case BearerTokenAuth bearer:
                _names.Add(bearer.HeaderName);
                _schemeHeaders.Add(bearer.HeaderName);
                break;
            case OAuth2Auth oauth:
                _names.Add(oauth.TokenHeaderName);
                _schemeHeaders.Add(oauth.TokenHeaderName);
                break;
        }

        var secretNames = method.SecretNames.ToHashSet(StringComparer.Ordinal);
        _values = [.. credentials.Values.Where(v => secretNames.Contains(v.Key)).Select(v => v.Value)
            .Append(credentials.AccessToken ?? "")
            .Where(v => v.Length >= 4)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)];
    }

    public bool IsSecretName(string name) =>
        _names.Contains(name) || SecretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase))
        || name.Equals("key", StringComparison.OrdinalIgnoreCase) || name.Equals("sig", StringComparison.OrdinalIgnoreCase);

    public string Value(string name, string value) =>
        IsSecretName(name) ? Redact(value, keepScheme: IsAuthorization(name) || _schemeHeaders.Contains(name)) : Text(value);

    /// <summary>Whether the header carries an HTTP auth scheme (<c>Authorization</c>, <c>Proxy-Authorization</c>).</summary>
    public static bool IsAuthorization(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Hides a secret value; with <paramref name="keepScheme"/>, keeps the auth scheme in front of it (<c>Bearer abc</c> →
    /// <c>Bearer ***</c>), so a replay still checks how the credential is sent. Anything else becomes <c>***</c>.
    /// </summary>
    public static string Redact(string value, bool keepScheme)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return keepScheme && space > 0 && space < value.Length - 1 && IsScheme(value.AsSpan(0, space))
            ? value[..space] + " " + FixtureRequest.Redacted
            : FixtureRequest.Redacted;
    }

    // An RFC 9110 token: the auth scheme before the credentials.
    private static bool IsScheme(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !"!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return char.IsAsciiLetter(text[0]);
    }

    public string Text(string text)
    {
        foreach (var secret in _values)
        {
            text = text.Replace(secret, FixtureRequest.Redacted, StringComparison.Ordinal);
        }

        return text;
    }

    public JsonNode? Json(JsonNode? node) => node is null ? null : JsonNode.Parse(Text(node.ToJsonString()));

    public Dictionary<string, string>? Pairs(IEnumerable<KeyValuePair<string, string>> pairs, Func<string, bool>? skip = null)
    {
        var result = pairs.Where(p => skip is null || !skip(p.Key)).ToDictionary(p => p.Key, p => Value(p.Key, p.Value), StringComparer.Ordinal);
        return result.Count == 0 ? null : result;
    }
}

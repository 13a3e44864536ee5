using System.Text.Json.Nodes;
using Fastn.Connectors.Authentication;

namespace Fastn.Engine.Execution;

/// <summary>
/// Removes secrets from anything that is logged or stored: values of secret-looking keys, and any string
/// equal to (or containing) one of the connection's secret values.
/// </summary>
internal sealed class Redactor
{
    /// <summary>What replaces a secret.</summary>
    public const string Mask = "***";

    private static readonly string[] SecretKeyParts = ["password", "secret", "token", "api_key", "apikey", "authorization", "cookie", "private_key", "client_secret"];
    private readonly string[] _secrets;

    /// <summary>Creates a redactor for the given secret values (short values under 4 chars are ignored).</summary>
    public Redactor(IEnumerable<string> secrets)
    {
        _secrets = [.. secrets.Where(s => s.Length >= 4).Distinct().OrderByDescending(s => s.Length)];
    }

    /// <summary>A redactor for a connection's credentials under its auth method.</summary>
    public static Redactor For(AuthCredentials credentials, AuthMethod? method)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var secretNames = new HashSet<string>(method?.SecretNames ?? [], StringComparer.OrdinalIgnoreCase);
        var values = credentials.Values.Where(v => secretNames.Contains(v.Key) || IsSecretKey(v.Key)).Select(v => v.Value);
        if (credentials.AccessToken is { } token)
        {
            values = values.Append(token);
        }

        return new Redactor(values);
    }

    /// <summary>A redactor that also masks the secrets of <paramref name="credentials"/> (a token obtained mid-call), keeping this one's.</summary>
    public Redactor Including(AuthCredentials credentials, AuthMethod? method) =>
        new(_secrets.Concat(For(credentials, method)._secrets));

    /// <summary>Whether a property name looks like it holds a secret.</summary>
    public static bool IsSecretKey(string key) =>
        SecretKeyParts.Any(p => key.Replace("-", "_", StringComparison.Ordinal).Contains(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>Returns a redacted deep copy.</summary>
    public JsonNode? Redact(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, IsSecretKey(p.Key) && p.Value is JsonValue ? JsonValue.Create(Mask) : Redact(p.Value)))),
        JsonArray arr => new JsonArray([.. arr.Select(Redact)]),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(Redact(s)),
        _ => node.DeepClone(),
    };

    /// <summary>
    /// Returns a deep copy with the connection's secret values masked inside every string, keeping secret-looking
    /// field names' values (a <c>next_page_token</c> is not a credential): for output handed back to a caller.
    /// </summary>
    public JsonNode? RedactValues(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, RedactValues(p.Value)))),
        JsonArray arr => new JsonArray([.. arr.Select(RedactValues)]),
        JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(Redact(s)),
        _ => node.DeepClone(),
    };

    /// <summary>Returns the text with every secret value masked.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}

using System.Collections.Frozen;

namespace Fastn.Connectors.Authentication;

/// <summary>
/// The resolved credentials of one connection (<c>ctx.Auth</c>): the values the user entered, the
/// current access token for OAuth2 or an exchanged custom token, and extra token-response fields
/// kept on the connection (Salesforce <c>instance_url</c>). Its <see cref="ToString"/> never shows a value.
/// </summary>
public sealed class AuthCredentials
{
    /// <summary>No credentials.</summary>
    public static AuthCredentials Empty { get; } = new(AuthKind.None, "none", new Dictionary<string, string>());

    /// <summary>Creates resolved credentials.</summary>
    public AuthCredentials(AuthKind kind, string methodId, IReadOnlyDictionary<string, string> values,
        string? accessToken = null, DateTimeOffset? expiresAt = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        Kind = kind;
        MethodId = methodId;
        Values = values.ToFrozenDictionary(StringComparer.Ordinal);
        AccessToken = accessToken;
        ExpiresAt = expiresAt;
        Metadata = (metadata ?? new Dictionary<string, string>()).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The kind of the auth method in use.</summary>
    public AuthKind Kind { get; }

    /// <summary>The id of the auth method in use (a connector may offer several).</summary>
    public string MethodId { get; }

    /// <summary>The credential values by <see cref="CredentialField.Name"/> (and OAuth connection parameters).</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>The current access token (OAuth2, or a custom method's exchanged token).</summary>
    public string? AccessToken { get; }

    /// <summary>When <see cref="AccessToken"/> expires, if known.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>Non-secret facts kept on the connection: token-response extras, chosen tenant ids.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Gets a credential value, or throws a clear <see cref="InvalidOperationException"/>.</summary>
    public string Get(string name) =>
        Values.TryGetValue(name, out var v) ? v
        : throw new InvalidOperationException($"The connection has no credential value '{name}'. Reconnect it and fill in '{name}'.");

    /// <summary>Gets a credential value or metadata entry, or <see langword="null"/>.</summary>
    public string? Find(string name) =>
        Values.TryGetValue(name, out var v) ? v : Metadata.TryGetValue(name, out var m) ? m : null;

    /// <summary>Returns a copy with a new access token (after a refresh or exchange).</summary>
    public AuthCredentials WithAccessToken(string accessToken, DateTimeOffset? expiresAt) =>
        new(Kind, MethodId, Values, accessToken, expiresAt, Metadata);

    /// <inheritdoc />
    public override string ToString() => $"AuthCredentials({Kind}/{MethodId}, {Values.Count} values, token: {(AccessToken is null ? "none" : "***")})";
}

namespace Fastn.Engine.OAuth;

/// <summary>What a token endpoint returned (secrets: <see cref="AccessToken"/>, <see cref="RefreshToken"/>).</summary>
public sealed record OAuthTokens
{
    /// <summary>The access token.</summary>
    public required string AccessToken { get; init; }
    /// <summary>The refresh token, if the app issued one (rotating apps issue a new one each time).</summary>
    public string? RefreshToken { get; init; }
    /// <summary>When the access token expires, if the app said.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>The granted scopes, if the app said.</summary>
    public string? Scope { get; init; }
    /// <summary>Token-response fields the connector asked to keep (<c>instance_url</c>).</summary>
    public IReadOnlyDictionary<string, string> Extra { get; init; } = new Dictionary<string, string>();

    /// <inheritdoc />
    public override string ToString() => $"OAuthTokens(access: ***, refresh: {(RefreshToken is null ? "none" : "***")}, expires: {ExpiresAt:O})";
}

namespace Fastn.Engine.OAuth;

/// <summary>A workspace's OAuth app for one connector: client id and secret (the secret never leaves the server).</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="ClientSecret">The client secret.</param>
public sealed record OAuthClientCredentials(string ClientId, string ClientSecret)
{
    /// <summary>The workspace's scopes override (replaces the connector's default scopes), or null for the defaults.</summary>
    public IReadOnlyList<string>? Scopes { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"OAuthClientCredentials({ClientId}, ***)";
}

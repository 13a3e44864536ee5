namespace Fastn.Engine.OAuth;

/// <summary>A workspace's OAuth app for one connector: client id and secret (the secret never leaves the server).</summary>
/// <param name="ClientId">The client id.</param>
/// <param name="ClientSecret">The client secret.</param>
public sealed record OAuthClientCredentials(string ClientId, string ClientSecret)
{
    /// <inheritdoc />
    public override string ToString() => $"OAuthClientCredentials({ClientId}, ***)";
}

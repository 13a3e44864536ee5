namespace Fastn.Samples.Acme.OAuth;

/// <summary>A validated <c>/oauth/authorize</c> request waiting for sign-in and consent.</summary>
internal sealed class AuthorizationRequest(
    string id, AcmeOAuthClient client, string redirectUri, IReadOnlyList<string> scopes, string? state,
    string? codeChallenge, DateTimeOffset expiresAt)
{
    public string Id { get; } = id;

    public AcmeOAuthClient Client { get; } = client;

    public string RedirectUri { get; } = redirectUri;

    public IReadOnlyList<string> Scopes { get; } = scopes;

    public string? State { get; } = state;

    public string? CodeChallenge { get; } = codeChallenge;

    public DateTimeOffset ExpiresAt { get; } = expiresAt;

    /// <summary>Set once the user signed in on the login page.</summary>
    public string? AccountId { get; set; }
}

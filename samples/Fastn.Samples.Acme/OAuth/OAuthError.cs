namespace Fastn.Samples.Acme.OAuth;

/// <summary>An RFC 6749 §5.2 error: <c>error</c> code, description and HTTP status.</summary>
internal sealed record OAuthError(string Error, string Description, int StatusCode = 400)
{
    public static OAuthError InvalidGrant(string description) => new("invalid_grant", description);

    public static OAuthError InvalidRequest(string description) => new("invalid_request", description);

    public static OAuthError InvalidClient(string description) => new("invalid_client", description, 401);

    public static OAuthError InvalidScope(string description) => new("invalid_scope", description);
}

namespace Fastn.Connectors.Authentication;

/// <summary>The OAuth 2.0 grant a connector uses to obtain tokens.</summary>
public enum OAuth2GrantType
{
    /// <summary>Authorization code (RFC 6749 §4.1): the user consents in a browser.</summary>
    AuthorizationCode,
    /// <summary>Client credentials (RFC 6749 §4.4): machine-to-machine, no user.</summary>
    ClientCredentials,
}

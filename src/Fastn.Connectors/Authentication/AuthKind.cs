namespace Fastn.Connectors.Authentication;

/// <summary>The six kinds of authentication a connector can offer.</summary>
public enum AuthKind
{
    /// <summary>No credentials: public APIs.</summary>
    None,
    /// <summary>HTTP Basic: username and password in the <c>Authorization</c> header.</summary>
    Basic,
    /// <summary>A long-lived token sent as <c>Authorization: Bearer …</c> (or another header).</summary>
    BearerToken,
    /// <summary>An API key sent in a header or a query parameter.</summary>
    ApiKey,
    /// <summary>OAuth 2.0 (authorization code or client credentials).</summary>
    OAuth2,
    /// <summary>Declared credential fields plus a connector-supplied handler.</summary>
    Custom,
}

namespace Fastn.Connectors.Authentication;

/// <summary>How the client id and secret travel to the token endpoint (RFC 6749 §2.3.1).</summary>
public enum OAuth2ClientAuthentication
{
    /// <summary><c>Authorization: Basic base64(client_id:client_secret)</c> (the RFC's preferred way).</summary>
    BasicHeader,
    /// <summary><c>client_id</c> and <c>client_secret</c> in the form body.</summary>
    RequestBody,
}

namespace Fastn.Client.Models;

/// <summary>One way to authenticate with a connector's app.</summary>
/// <param name="Id">The method id to pass as <c>authMethod</c>.</param>
/// <param name="Kind"><c>None</c>, <c>Basic</c>, <c>BearerToken</c>, <c>ApiKey</c>, <c>OAuth2</c> or <c>Custom</c>.</param>
/// <param name="Label">A human label.</param>
/// <param name="IsDefault">Whether it is the connector's default method.</param>
/// <param name="Fields">The credential fields a user fills in (empty for OAuth2 authorization code).</param>
/// <param name="OAuth2">OAuth2 details, for OAuth2 methods.</param>
/// <param name="ApiKey">Where the key goes, for API-key methods.</param>
public sealed record ConnectorAuthMethod(
    string Id,
    string Kind,
    string? Label,
    bool IsDefault,
    IReadOnlyList<CredentialField> Fields,
    OAuth2Details? OAuth2,
    ApiKeyPlacement? ApiKey)
{
    /// <summary>Whether connecting needs the user's browser (OAuth2 authorization-code grant).</summary>
    public bool IsBrowserFlow => Kind == "OAuth2" && !string.Equals(OAuth2?.GrantType, "ClientCredentials", StringComparison.OrdinalIgnoreCase);
}

namespace Fastn.Client.Models;

/// <summary>The OAuth2 settings of an auth method.</summary>
/// <param name="GrantType"><c>AuthorizationCode</c> or <c>ClientCredentials</c>.</param>
/// <param name="AuthorizationUrl">The app's authorization endpoint.</param>
/// <param name="TokenUrl">The app's token endpoint.</param>
/// <param name="Scopes">Scopes requested.</param>
/// <param name="Pkce">Whether PKCE is used.</param>
/// <param name="SupportsRefresh">Whether tokens are refreshed.</param>
public sealed record OAuth2Details(string? GrantType, string? AuthorizationUrl, string? TokenUrl, IReadOnlyList<string>? Scopes, bool Pkce, bool SupportsRefresh);

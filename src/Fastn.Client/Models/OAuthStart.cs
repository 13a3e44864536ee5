namespace Fastn.Client.Models;

/// <summary>A started OAuth connection: send the user to <see cref="AuthorizationUrl"/>.</summary>
/// <param name="AuthorizationUrl">The app's authorization URL with state and PKCE.</param>
/// <param name="ExpiresAt">When the state expires.</param>
/// <param name="RedirectUri">Fastn's callback the app redirects to.</param>
public sealed record OAuthStart(string AuthorizationUrl, DateTimeOffset ExpiresAt, string? RedirectUri);

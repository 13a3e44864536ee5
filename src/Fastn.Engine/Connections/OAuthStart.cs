namespace Fastn.Engine.Connections;

/// <summary>Where to send the user to consent, and until when the attempt is valid.</summary>
/// <param name="AuthorizationUrl">The app's authorization URL with state and PKCE challenge.</param>
/// <param name="ExpiresAt">When the state expires.</param>
public sealed record OAuthStart(string AuthorizationUrl, DateTimeOffset ExpiresAt);

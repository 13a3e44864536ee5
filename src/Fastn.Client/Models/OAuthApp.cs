namespace Fastn.Client.Models;

/// <summary>The workspace's OAuth client for one connector (the secret is never returned).</summary>
/// <param name="Connector">The connector name.</param>
/// <param name="ClientId">The client id.</param>
/// <param name="Scopes">A scopes override.</param>
/// <param name="UpdatedAt">When it last changed (in lists).</param>
/// <param name="RedirectUri">The redirect URI to register with the app (after a put).</param>
public sealed record OAuthApp(string Connector, string ClientId, string? Scopes, DateTimeOffset? UpdatedAt, string? RedirectUri);

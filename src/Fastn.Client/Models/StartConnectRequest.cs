namespace Fastn.Client.Models;

/// <summary>Options for starting an OAuth connection.</summary>
/// <param name="AuthMethod">The auth method id (default: the connector's default).</param>
/// <param name="Parameters">Connection parameters the app's URLs need (Shopify <c>shop</c>).</param>
/// <param name="ReturnUrl">Where to send the user after the callback: a path on the Fastn server, or a URL registered for the workspace (PUT /api/v1/workspace/redirect-urls).</param>
/// <param name="ConnectionId">Reconnect this connection (same id) instead of creating one.</param>
public sealed record StartConnectRequest(string? AuthMethod = null, IReadOnlyDictionary<string, string>? Parameters = null, string? ReturnUrl = null, string? ConnectionId = null);

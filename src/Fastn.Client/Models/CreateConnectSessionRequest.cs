namespace Fastn.Client.Models;

/// <summary>A short-lived, single-use connect session for one tenant's own user.</summary>
/// <param name="TenantId">The tenant the session connects accounts for.</param>
/// <param name="AllowedConnectors">Limit the hosted page to these connectors.</param>
/// <param name="ReturnUrl">Where the hosted page sends the user when done.</param>
/// <param name="ExpiresInSeconds">How long the token lives.</param>
public sealed record CreateConnectSessionRequest(string TenantId, IReadOnlyList<string>? AllowedConnectors = null, string? ReturnUrl = null, int? ExpiresInSeconds = null);

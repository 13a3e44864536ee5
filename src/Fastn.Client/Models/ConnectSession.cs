namespace Fastn.Client.Models;

/// <summary>A created connect session: give <see cref="Url"/> (or the token) to the tenant's user.</summary>
/// <param name="Token">The single-use session token (shown once).</param>
/// <param name="Url">The hosted connect page for this session.</param>
/// <param name="ExpiresAt">When the token expires.</param>
/// <param name="Id">The session id.</param>
/// <param name="TenantId">The tenant the session connects accounts for.</param>
/// <param name="AllowedConnectors">The connectors the page offers (null: all).</param>
/// <param name="ReturnUrl">Where the page sends the user when done.</param>
public sealed record ConnectSession(
    string Token,
    string Url,
    DateTimeOffset ExpiresAt,
    string? Id = null,
    string? TenantId = null,
    IReadOnlyList<string>? AllowedConnectors = null,
    string? ReturnUrl = null);

namespace Fastn.Engine.ConnectSessions;

/// <summary>What a workspace's backend asks for when it creates a connect session.</summary>
/// <param name="TenantId">The tenant (the workspace's customer) the connection will belong to.</param>
/// <param name="AllowedConnectors">Connector names the user may pick; null or empty allows all.</param>
/// <param name="ReturnUrl">Where the page sends the user afterwards; must match a registered redirect URL.</param>
/// <param name="ExpiresInSeconds">Lifetime; default 1800, at most 86400.</param>
public sealed record ConnectSessionRequest(string? TenantId, IReadOnlyList<string>? AllowedConnectors, string? ReturnUrl, int? ExpiresInSeconds);

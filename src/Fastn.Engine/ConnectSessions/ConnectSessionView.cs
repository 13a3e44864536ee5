using Fastn.Connectors;
using Fastn.Storage.ConnectSessions;

namespace Fastn.Engine.ConnectSessions;

/// <summary>A connect session as the engine shows it to hosts (never its token, which only its creator saw once).</summary>
/// <param name="Id">The session id.</param>
/// <param name="Tenant">The workspace and tenant the connection will belong to.</param>
/// <param name="AllowedConnectors">The connectors it offers; empty means every registered one.</param>
/// <param name="ReturnUrl">Where the page sends the user after connecting, or null.</param>
/// <param name="FormToken">The anti-forgery value the page's forms carry.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="ConsumedAt">When a connection used it, or null.</param>
/// <param name="ConnectionId">The connection it created, or null.</param>
public sealed record ConnectSessionView(string Id, TenantInfo Tenant, IReadOnlyList<string> AllowedConnectors, string? ReturnUrl, string FormToken,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? ConsumedAt, string? ConnectionId)
{
    internal static ConnectSessionView From(ConnectSession session) => new(session.Id, new TenantInfo(session.WorkspaceId, session.TenantId),
        ConnectSessionStore.AllowedConnectorsOf(session), session.ReturnUrl, session.FormToken, session.CreatedAt, session.ExpiresAt,
        session.ConsumedAt, session.ConnectionId);
}

/// <summary>A new connect session and its token (shown once: only its hash is stored).</summary>
/// <param name="Session">The session.</param>
/// <param name="Token">The token the page link carries.</param>
public sealed record CreatedConnectSessionView(ConnectSessionView Session, string Token);

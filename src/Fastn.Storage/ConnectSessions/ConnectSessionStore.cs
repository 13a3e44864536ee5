using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fastn.Storage.Events;
using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.ConnectSessions;

/// <summary>
/// Connect sessions (random token stored hashed, claimed exactly once before expiry) and the workspace's
/// registered redirect-back URLs.
/// </summary>
public sealed class ConnectSessionStore(FastnDbContext db, EventStore events, IIdGenerator ids, TimeProvider time)
{
    /// <summary>Prefix of session tokens (<c>cst_</c> + 43 url-safe characters, 256 random bits).</summary>
    public const string TokenPrefix = "cst_";

    /// <summary>Stores a session and returns it with its plaintext token.</summary>
    public async Task<CreatedConnectSession> CreateAsync(NewConnectSession request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = TokenPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var session = new ConnectSession
        {
            Id = ids.NewId("cs"),
            WorkspaceId = request.WorkspaceId,
            TenantId = request.TenantId,
            TokenHash = Hash(token),
            AllowedConnectors = JsonSerializer.Serialize(request.AllowedConnectors),
            ReturnUrl = request.ReturnUrl,
            FormToken = Base64Url(RandomNumberGenerator.GetBytes(24)),
            CreatedAt = now,
            ExpiresAt = now + request.Lifetime,
        };
        db.ConnectSessions.Add(session);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(session).State = EntityState.Detached;
        }

        return new CreatedConnectSession(session, token);
    }

    /// <summary>The session a presented token belongs to (whatever its state), or null for an unknown token.</summary>
    public async Task<ConnectSession?> FindByTokenAsync(string token, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var hash = Hash(token);
        // The token is the credential: it tells us the workspace, so no scope can apply yet.
        return await db.ConnectSessions.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(s => s.TokenHash == hash, cancellationToken);
    }

    /// <summary>
    /// Claims the session for one connection attempt: a single conditional UPDATE, so of racing attempts exactly
    /// one wins. False when it is already claimed or expired more than <paramref name="expiryGrace"/> ago.
    /// </summary>
    public async Task<DateTimeOffset?> TryClaimAsync(string sessionId, TimeSpan expiryGrace = default, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var notBefore = now - expiryGrace;
        var won = await db.ConnectSessions.IgnoreQueryFilters()
            .Where(s => s.Id == sessionId && s.ConsumedAt == null && s.ExpiresAt > notBefore)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsumedAt, now), cancellationToken) == 1;
        return won ? now : null;
    }

    /// <summary>Gives a claim back after the attempt failed (nothing was created), so the user can try again.</summary>
    public async Task<bool> ReleaseAsync(string sessionId, DateTimeOffset claimedAt, CancellationToken cancellationToken = default) =>
        await db.ConnectSessions.IgnoreQueryFilters()
            .Where(s => s.Id == sessionId && s.ConsumedAt == claimedAt && s.ConnectionId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsumedAt, (DateTimeOffset?)null), cancellationToken) == 1;

    /// <summary>
    /// Records the connection a claimed session created and writes a <c>connect_session.completed</c> event
    /// (data: session id, connection id, connector) in the same transaction.
    /// </summary>
    public async Task<ConnectSession> CompleteAsync(string sessionId, string connectionId, string connector, CancellationToken cancellationToken = default)
    {
        var session = await db.ConnectSessions.IgnoreQueryFilters().FirstOrDefaultAsync(s => s.Id == sessionId, cancellationToken)
            ?? throw new InvalidOperationException($"Connect session '{sessionId}' does not exist.");
        session.ConnectionId = connectionId;
        session.Connector = connector;
        events.Stage(session.WorkspaceId, session.TenantId, "connect_session.completed", connectionId, JsonSerializer.Serialize(new
        {
            connectSessionId = session.Id,
            connectionId,
            connector,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return session;
    }

    /// <summary>The connector names a session allows; empty means every connector.</summary>
    public static IReadOnlyList<string> AllowedConnectorsOf(ConnectSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return JsonSerializer.Deserialize<string[]>(session.AllowedConnectors) ?? [];
    }

    /// <summary>The workspace's registered redirect-back URLs, in order.</summary>
    public async Task<IReadOnlyList<string>> ListRedirectUrlsAsync(string workspaceId, CancellationToken cancellationToken = default) =>
        await db.WorkspaceRedirectUrls.AsNoTracking().Where(u => u.WorkspaceId == workspaceId)
            .OrderBy(u => u.Url).Select(u => u.Url).ToListAsync(cancellationToken);

    /// <summary>Replaces the workspace's redirect-back URLs (one transaction).</summary>
    public async Task ReplaceRedirectUrlsAsync(string workspaceId, IEnumerable<string> urls, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var now = time.GetUtcNow();
        var existing = await db.WorkspaceRedirectUrls.Where(u => u.WorkspaceId == workspaceId).ToListAsync(cancellationToken);
        db.WorkspaceRedirectUrls.RemoveRange(existing);
        foreach (var url in urls.Distinct(StringComparer.Ordinal))
        {
            db.WorkspaceRedirectUrls.Add(new WorkspaceRedirectUrl { WorkspaceId = workspaceId, Url = url, CreatedAt = now });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Lower-case hex SHA-256 of a token, as stored in <see cref="ConnectSession.TokenHash"/>.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.Text.Json;
using Fastn.Storage.Events;
using Fastn.Storage.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Connections;

/// <summary>
/// Connections and their encrypted credentials. Every change of a connection's existence or status also
/// writes a <see cref="PlatformEvent"/> (<c>connection.created</c>, <c>connection.needs_reauth</c>, …) in the
/// same transaction. Reads honour the context's <see cref="ITenantScope"/>.
/// </summary>
public sealed class ConnectionStore(FastnDbContext db, WorkspaceStore workspaces, EventStore events, IIdGenerator ids, TimeProvider time)
{
    private const int MaxConcurrencyRetries = 5;

    /// <summary>Creates a connection (and its tenant row, if new) with an optional first credential.</summary>
    public async Task<Connection> CreateAsync(NewConnection request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await workspaces.EnsureTenantAsync(request.WorkspaceId, request.TenantId, cancellationToken: cancellationToken);
        var now = time.GetUtcNow();
        var connection = new Connection
        {
            Id = request.Id ?? ids.NewId("conn"),
            WorkspaceId = request.WorkspaceId,
            TenantId = request.TenantId,
            Connector = request.Connector,
            AuthMethod = request.AuthMethod,
            Status = request.Status,
            DisplayName = request.DisplayName,
            Metadata = request.Metadata,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        db.Connections.Add(connection);
        if (request.CredentialProtected is { } secret)
        {
            db.ConnectionCredentials.Add(new ConnectionCredential
            {
                ConnectionId = connection.Id,
                WorkspaceId = connection.WorkspaceId,
                TenantId = connection.TenantId,
                Protected = secret,
                AccessTokenExpiresAt = request.AccessTokenExpiresAt,
                Version = 1,
                UpdatedAt = now,
            });
        }

        StageEvent(connection, "connection.created");
        await SaveAsync(cancellationToken);
        return connection;
    }

    public Task<Connection?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        db.Connections.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>Connections visible in the current scope, optionally narrowed to one tenant and/or connector, oldest first.</summary>
    public async Task<IReadOnlyList<Connection>> ListAsync(string? tenantId = null, string? connector = null, CancellationToken cancellationToken = default)
    {
        var query = db.Connections.AsNoTracking();
        if (tenantId is not null)
        {
            query = query.Where(c => c.TenantId == tenantId);
        }

        if (connector is not null)
        {
            query = query.Where(c => c.Connector == connector);
        }

        return await query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the connection and saves it, retrying on a concurrent update
    /// (the change is re-applied to fresh data). Returns null when the connection does not exist.
    /// </summary>
    public async Task<Connection?> UpdateAsync(string id, Action<Connection> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (connection is null)
            {
                return null;
            }

            var before = connection.Status;
            change(connection);
            connection.UpdatedAt = time.GetUtcNow();
            if (connection.Status != before)
            {
                StageEvent(connection, StatusEventType(connection.Status));
            }

            try
            {
                await SaveAsync(cancellationToken);
                return connection;
            }
            catch (ConcurrencyConflictException) when (attempt < MaxConcurrencyRetries)
            {
                // Someone else saved first: re-read and re-apply the change.
            }
        }
    }

    /// <summary>Sets the status (and the reason shown to users); false when the connection does not exist.</summary>
    public async Task<bool> UpdateStatusAsync(string id, ConnectionStatus status, string? reason = null, CancellationToken cancellationToken = default) =>
        await UpdateAsync(id, c =>
        {
            c.Status = status;
            c.StatusReason = reason;
        }, cancellationToken) is not null;

    /// <summary>Marks the connection revoked and deletes its secrets; the row stays for history.</summary>
    public async Task<bool> RevokeAsync(string id, string? reason = null, CancellationToken cancellationToken = default)
    {
        var revoked = await UpdateStatusAsync(id, ConnectionStatus.Revoked, reason, cancellationToken);
        if (revoked)
        {
            await db.ConnectionCredentials.Where(c => c.ConnectionId == id).ExecuteDeleteAsync(cancellationToken);
        }

        return revoked;
    }

    /// <summary>Deletes the connection and its credential; false when it does not exist.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        var connection = await db.Connections.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (connection is null)
        {
            return false;
        }

        db.Connections.Remove(connection);
        StageEvent(connection, "connection.deleted");
        await SaveAsync(cancellationToken);
        return true;
    }

    /// <summary>The connection's protected secrets and their version, or null when it has none.</summary>
    public Task<ConnectionCredential?> GetCredentialAsync(string connectionId, CancellationToken cancellationToken = default) =>
        db.ConnectionCredentials.AsNoTracking().FirstOrDefaultAsync(c => c.ConnectionId == connectionId, cancellationToken);

    /// <summary>
    /// Rotates the credential only if it is still at <paramref name="expectedVersion"/> (compare-and-swap),
    /// so of two concurrent refreshes exactly one wins. Returns false for a stale version or a missing row.
    /// </summary>
    public async Task<bool> TryUpdateCredentialAsync(
        string connectionId,
        long expectedVersion,
        string credentialProtected,
        DateTimeOffset? accessTokenExpiresAt,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return await db.ConnectionCredentials
            .Where(c => c.ConnectionId == connectionId && c.Version == expectedVersion)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.Protected, credentialProtected)
                .SetProperty(c => c.AccessTokenExpiresAt, accessTokenExpiresAt)
                .SetProperty(c => c.Version, expectedVersion + 1)
                .SetProperty(c => c.UpdatedAt, now), cancellationToken) == 1;
    }

    /// <summary>
    /// Replaces the credential whatever its version (a fresh authorization, e.g. reconnect) and returns the
    /// new version. Throws <see cref="InvalidOperationException"/> when the connection does not exist.
    /// </summary>
    public async Task<long> SetCredentialAsync(
        string connectionId,
        string credentialProtected,
        DateTimeOffset? accessTokenExpiresAt,
        CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await GetCredentialAsync(connectionId, cancellationToken);
            if (current is not null)
            {
                if (await TryUpdateCredentialAsync(connectionId, current.Version, credentialProtected, accessTokenExpiresAt, cancellationToken))
                {
                    return current.Version + 1;
                }

                continue;
            }

            var connection = await GetAsync(connectionId, cancellationToken)
                ?? throw new InvalidOperationException($"Connection '{connectionId}' does not exist.");
            var credential = new ConnectionCredential
            {
                ConnectionId = connectionId,
                WorkspaceId = connection.WorkspaceId,
                TenantId = connection.TenantId,
                Protected = credentialProtected,
                AccessTokenExpiresAt = accessTokenExpiresAt,
                Version = 1,
                UpdatedAt = time.GetUtcNow(),
            };
            db.ConnectionCredentials.Add(credential);
            try
            {
                await SaveAsync(cancellationToken);
                return 1;
            }
            catch (DuplicateKeyException) when (attempt < MaxConcurrencyRetries)
            {
                // Inserted concurrently: go round again and overwrite it.
            }
        }
    }

    /// <summary>
    /// Stores a new credential and applies <paramref name="change"/> to the connection (metadata, status) in one
    /// transaction, so a failure can never leave new secrets beside old metadata. With <paramref name="expectedVersion"/>
    /// the credential is replaced only if still at that version (compare-and-swap); otherwise whatever its version.
    /// Returns null (nothing written) on a stale version or when the connection does not exist.
    /// </summary>
    public async Task<Connection?> SaveCredentialAndUpdateAsync(
        string connectionId,
        string credentialProtected,
        DateTimeOffset? accessTokenExpiresAt,
        long? expectedVersion,
        Action<Connection> change,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (expectedVersion is { } version
                ? !await TryUpdateCredentialAsync(connectionId, version, credentialProtected, accessTokenExpiresAt, cancellationToken)
                : await GetAsync(connectionId, cancellationToken) is null)
        {
            return null;
        }

        if (expectedVersion is null)
        {
            await SetCredentialAsync(connectionId, credentialProtected, accessTokenExpiresAt, cancellationToken);
        }

        var updated = await UpdateAsync(connectionId, change, cancellationToken);
        if (updated is null)
        {
            return null;
        }

        await transaction.CommitAsync(cancellationToken);
        return updated;
    }

    private static string StatusEventType(ConnectionStatus status) =>
        "connection." + JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());

    private void StageEvent(Connection connection, string type) =>
        events.Stage(connection.WorkspaceId, connection.TenantId, type, connection.Id, JsonSerializer.Serialize(new
        {
            connectionId = connection.Id,
            connector = connection.Connector,
            status = JsonNamingPolicy.SnakeCaseLower.ConvertName(connection.Status.ToString()),
            reason = connection.StatusReason,
        }));

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            // Stores hand out detached rows; a failed save must not leave its rows queued for the next one.
            db.ChangeTracker.Clear();
        }
    }
}

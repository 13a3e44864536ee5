using System.Text.Json;
using Fastn.Engine.Connections;
using Fastn.Storage.Connections;

namespace Fastn.Engine.Persistence;

/// <summary>The connection grain's view of the store.</summary>
internal sealed class StoreConnectionRepository(ConnectionStore store) : IConnectionRepository
{
    /// <inheritdoc />
    public async Task<StoredConnection?> LoadAsync(string connectionId, CancellationToken cancellationToken)
    {
        var connection = await store.GetAsync(connectionId, cancellationToken).ConfigureAwait(false);
        if (connection is null)
        {
            return null;
        }

        var credential = await store.GetCredentialAsync(connectionId, cancellationToken).ConfigureAwait(false);
        return new StoredConnection
        {
            Id = connection.Id,
            WorkspaceId = connection.WorkspaceId,
            TenantId = connection.TenantId,
            Connector = connection.Connector,
            AuthMethod = connection.AuthMethod,
            Status = Map(connection.Status),
            StatusReason = connection.StatusReason,
            Metadata = ReadMetadata(connection.Metadata),
            ProtectedSecrets = credential?.Protected,
            AccessTokenExpiresAt = credential?.AccessTokenExpiresAt,
            SecretsVersion = credential?.Version ?? 0,
        };
    }

    /// <inheritdoc />
    public async Task<bool> SaveSecretsAsync(string connectionId, string protectedSecrets, DateTimeOffset? expiresAt,
        IReadOnlyDictionary<string, string> metadata, long expectedVersion, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(metadata);
        // One transaction: new secrets are never stored beside the old metadata (or the reverse).
        return await store.SaveCredentialAndUpdateAsync(connectionId, protectedSecrets, expiresAt, expectedVersion == 0 ? null : expectedVersion, c =>
        {
            c.Metadata = json;
            if (c.Status is ConnectionStatus.Error)
            {
                c.Status = ConnectionStatus.Active;
                c.StatusReason = null;
            }
        }, cancellationToken).ConfigureAwait(false) is not null;
    }

    /// <inheritdoc />
    public Task SetStatusAsync(string connectionId, ConnectionState status, string? reason, string? eventType, CancellationToken cancellationToken) =>
        // The store records the matching connection.* event in the same transaction.
        store.UpdateStatusAsync(connectionId, Map(status), reason, cancellationToken);

    /// <summary>Storage status → engine state.</summary>
    internal static ConnectionState Map(ConnectionStatus status) => status switch
    {
        ConnectionStatus.Active => ConnectionState.Active,
        ConnectionStatus.NeedsReauth => ConnectionState.NeedsReauth,
        ConnectionStatus.Revoked => ConnectionState.Revoked,
        _ => ConnectionState.Error,
    };

    /// <summary>Engine state → storage status.</summary>
    internal static ConnectionStatus Map(ConnectionState state) => state switch
    {
        ConnectionState.Active => ConnectionStatus.Active,
        ConnectionState.NeedsReauth => ConnectionStatus.NeedsReauth,
        ConnectionState.Revoked => ConnectionStatus.Revoked,
        _ => ConnectionStatus.Error,
    };

    /// <summary>Parses the metadata JSON column.</summary>
    internal static Dictionary<string, string> ReadMetadata(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}

namespace Fastn.Engine.Connections;

/// <summary>The store operations the connection grain needs (system level: the grain checks ownership itself).</summary>
public interface IConnectionRepository
{
    /// <summary>Loads a connection with its encrypted secrets, or <see langword="null"/>.</summary>
    Task<StoredConnection?> LoadAsync(string connectionId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the secrets and metadata if the stored version is still <paramref name="expectedVersion"/>;
    /// returns false when another writer got there first (nothing written).
    /// </summary>
    Task<bool> SaveSecretsAsync(string connectionId, string protectedSecrets, DateTimeOffset? expiresAt,
        IReadOnlyDictionary<string, string> metadata, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Sets the status and reason, and records a platform event of <paramref name="eventType"/> when given.</summary>
    Task SetStatusAsync(string connectionId, ConnectionState status, string? reason, string? eventType, CancellationToken cancellationToken);
}

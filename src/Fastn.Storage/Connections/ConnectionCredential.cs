namespace Fastn.Storage.Connections;

/// <summary>The encrypted secrets of one connection (one row per connection).</summary>
public sealed class ConnectionCredential : ITenantOwned, IVersioned
{
    public required string ConnectionId { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>Data-Protection-encrypted JSON of every secret, tokens included. Never plaintext.</summary>
    public required string Protected { get; set; }

    public DateTimeOffset? AccessTokenExpiresAt { get; set; }

    /// <summary>Incremented on each rotation; a write naming a stale version loses.</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

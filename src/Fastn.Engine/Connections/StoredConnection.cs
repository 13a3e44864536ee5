namespace Fastn.Engine.Connections;

/// <summary>A connection as the store holds it: ownership, status, metadata and its encrypted secrets.</summary>
public sealed record StoredConnection
{
    /// <summary>Connection id.</summary>
    public required string Id { get; init; }
    /// <summary>Workspace.</summary>
    public required string WorkspaceId { get; init; }
    /// <summary>Tenant.</summary>
    public required string TenantId { get; init; }
    /// <summary>Connector name.</summary>
    public required string Connector { get; init; }
    /// <summary>Auth method id.</summary>
    public required string AuthMethod { get; init; }
    /// <summary>Status.</summary>
    public required ConnectionState Status { get; init; }
    /// <summary>Why, when not active.</summary>
    public string? StatusReason { get; init; }
    /// <summary>Non-secret metadata.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    /// <summary>The vault-encrypted secret bag (credential values, tokens), or null when none.</summary>
    public string? ProtectedSecrets { get; init; }
    /// <summary>When the access token expires.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; init; }
    /// <summary>The secrets' version, for optimistic concurrency.</summary>
    public long SecretsVersion { get; init; }
}

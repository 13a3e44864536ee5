namespace Fastn.Storage.Connections;

/// <summary>What <see cref="ConnectionStore.CreateAsync"/> needs to create a connection (and its credential).</summary>
public sealed record NewConnection
{
    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    public required string Connector { get; init; }

    public required string AuthMethod { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>JSON object of non-secret values.</summary>
    public string Metadata { get; init; } = "{}";

    /// <summary>Already-protected secrets JSON; null for connectors that need none.</summary>
    public string? CredentialProtected { get; init; }

    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    public ConnectionStatus Status { get; init; } = ConnectionStatus.Active;

    /// <summary>Optional explicit id; one is generated (<c>conn_…</c>) otherwise.</summary>
    public string? Id { get; init; }
}

namespace Fastn.Storage.Connections;

/// <summary>A tenant's authenticated account on one connector. Secrets live in <see cref="ConnectionCredential"/>.</summary>
public sealed class Connection : ITenantOwned, IVersioned
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    public required string Connector { get; init; }

    public required string AuthMethod { get; set; }

    public ConnectionStatus Status { get; set; }

    public string? StatusReason { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>JSON object of non-secret values (account name, shop domain, granted scopes…).</summary>
    public string Metadata { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency token, incremented on every save.</summary>
    public long Version { get; set; }
}

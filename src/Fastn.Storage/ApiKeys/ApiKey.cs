namespace Fastn.Storage.ApiKeys;

/// <summary>A workspace API key (<c>fk_…</c>); only its SHA-256 hash is stored.</summary>
public sealed class ApiKey : IWorkspaceOwned
{
    public required string Id { get; init; }

    public required string WorkspaceId { get; init; }

    /// <summary>Set for a tenant-scoped key: every request made with it acts for this tenant.</summary>
    public string? TenantId { get; init; }

    public required string Name { get; set; }

    /// <summary>The first 8 characters after <c>fk_</c>, shown in lists so users can tell keys apart.</summary>
    public required string Prefix { get; init; }

    /// <summary>Lower-case hex SHA-256 of the whole key; unique.</summary>
    public required string Hash { get; init; }

    /// <summary>What the key may do. Keys stored before roles existed are <see cref="ApiKeyRole.Admin"/> when their scopes held <c>admin</c>, else <see cref="ApiKeyRole.Member"/>.</summary>
    public ApiKeyRole Role { get; init; }

    /// <summary>Space-separated scopes, e.g. <c>admin</c> or <c>connections:read actions:run</c>.</summary>
    public string Scopes { get; set; } = "";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

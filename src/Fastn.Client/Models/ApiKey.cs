namespace Fastn.Client.Models;

/// <summary>An API key as listed (prefix only, never the key).</summary>
/// <param name="Id">The key id.</param>
/// <param name="Name">What it is for.</param>
/// <param name="TenantId">The tenant it is limited to, if any.</param>
/// <param name="Prefix">The first characters of the key.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="LastUsedAt">When it was last used.</param>
/// <param name="RevokedAt">When it was revoked.</param>
public sealed record ApiKey(string Id, string Name, string? TenantId, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    /// <summary>What the key may do.</summary>
    public ApiKeyRole Role { get; init; }
}

namespace Fastn.Client.Models;

/// <summary>A new API key; <see cref="Key"/> is shown this once.</summary>
/// <param name="Id">The key id.</param>
/// <param name="Name">What it is for.</param>
/// <param name="TenantId">The tenant it is limited to, if any.</param>
/// <param name="Prefix">The first characters of the key.</param>
/// <param name="Key">The plaintext key (<c>fk_…</c>): store it now.</param>
public sealed record CreatedApiKey(string Id, string Name, string? TenantId, string Prefix, string Key)
{
    /// <summary>What the key may do.</summary>
    public ApiKeyRole Role { get; init; }
}

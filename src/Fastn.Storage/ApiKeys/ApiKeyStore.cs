using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.ApiKeys;

/// <summary>API keys: created once in plaintext, stored as SHA-256, looked up by hash, revoked.</summary>
public sealed class ApiKeyStore(FastnDbContext db, IIdGenerator ids, TimeProvider time)
{
    public const string KeyPrefix = "fk_";

    // Base62 keeps keys selectable with a double click; 40 characters carry ~238 random bits.
    private const string KeyAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    // LastUsedAt is informational; writing it on every request would turn each read into a write.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Creates a key for a workspace (and optionally one tenant). A random <c>fk_…</c> key is generated unless
    /// <paramref name="plaintextKey"/> is given (bootstrap admin key from configuration).
    /// </summary>
    public async Task<CreatedApiKey> CreateAsync(
        string workspaceId,
        string name,
        string scopes,
        string? tenantId = null,
        string? plaintextKey = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var plaintext = plaintextKey ?? KeyPrefix + RandomNumberGenerator.GetString(KeyAlphabet, 40);
        if (plaintext.Length < 16)
        {
            throw new ArgumentException("An API key must be at least 16 characters long.", nameof(plaintextKey));
        }

        var body = plaintext.StartsWith(KeyPrefix, StringComparison.Ordinal) ? plaintext[KeyPrefix.Length..] : plaintext;
        var key = new ApiKey
        {
            Id = ids.NewId("key"),
            WorkspaceId = workspaceId,
            TenantId = tenantId,
            Name = name,
            Prefix = body[..Math.Min(8, body.Length)],
            Hash = Hash(plaintext),
            Scopes = scopes,
            CreatedAt = time.GetUtcNow(),
        };
        db.ApiKeys.Add(key);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(key).State = EntityState.Detached;
        }

        return new CreatedApiKey(key, plaintext);
    }

    /// <summary>The active (not revoked) key matching a presented plaintext key, or null.</summary>
    public async Task<ApiKey?> FindAsync(string presentedKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            return null;
        }

        var hash = Hash(presentedKey);
        // System lookup: the key is what tells us the workspace, so no scope can apply yet.
        var key = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking()
            .FirstOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, cancellationToken);
        if (key is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt.Value >= LastUsedResolution)
        {
            await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
            key.LastUsedAt = now;
        }

        return key;
    }

    /// <summary>The workspace's keys (hash included, plaintext never), newest first.</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAsync(string workspaceId, CancellationToken cancellationToken = default) =>
        await db.ApiKeys.AsNoTracking().Where(k => k.WorkspaceId == workspaceId)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).ToListAsync(cancellationToken);

    /// <summary>Revokes a key; false when it does not exist in the workspace or is already revoked.</summary>
    public async Task<bool> RevokeAsync(string workspaceId, string keyId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return await db.ApiKeys.Where(k => k.WorkspaceId == workspaceId && k.Id == keyId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken) == 1;
    }

    /// <summary>Lower-case hex SHA-256 of a plaintext key, as stored in <see cref="ApiKey.Hash"/>.</summary>
    public static string Hash(string plaintextKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintextKey)));
}

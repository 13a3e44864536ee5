using System.Security.Cryptography;
using System.Text;
using Fastn.Storage.Workspaces;
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
    /// <paramref name="plaintextKey"/> is given (bootstrap admin key from configuration). The name must pass
    /// <see cref="ApiKeyName"/>, the tenant <see cref="TenantId"/>; a tenant-scoped key cannot be an admin key.
    /// </summary>
    public async Task<CreatedApiKey> CreateAsync(
        string workspaceId,
        string name,
        ApiKeyRole role,
        string? tenantId = null,
        string? plaintextKey = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workspaceId);
        if (ApiKeyName.Validate(name) is { } nameError)
        {
            throw new ArgumentException($"The key name {nameError}.", nameof(name));
        }

        if (tenantId is not null)
        {
            TenantId.EnsureValid(tenantId, nameof(tenantId));
            if (role == ApiKeyRole.Admin)
            {
                throw new ArgumentException("A tenant-scoped key cannot be an admin key.", nameof(role));
            }
        }

        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown API key role.");
        }

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
            Role = role,
            // Kept for keys written before roles; the role is what authorization reads.
            Scopes = role == ApiKeyRole.Admin ? "admin" : tenantId is null ? "workspace" : "tenant",
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

    /// <summary>
    /// Revokes a key, unless it is the workspace's last active admin key: one statement checks and revokes, so two
    /// revocations cannot pass the check on each other's stale view (on SQLite; see README for PostgreSQL).
    /// </summary>
    public async Task<RevokeApiKeyResult> RevokeAsync(string workspaceId, string keyId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var revoked = await db.ApiKeys
            .Where(k => k.WorkspaceId == workspaceId && k.Id == keyId && k.RevokedAt == null
                && (k.Role != ApiKeyRole.Admin
                    || db.ApiKeys.Any(o => o.WorkspaceId == workspaceId && o.Id != keyId && o.Role == ApiKeyRole.Admin && o.RevokedAt == null)))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), cancellationToken);
        if (revoked == 1)
        {
            return RevokeApiKeyResult.Revoked;
        }

        return await db.ApiKeys.AnyAsync(k => k.WorkspaceId == workspaceId && k.Id == keyId && k.RevokedAt == null, cancellationToken)
            ? RevokeApiKeyResult.LastAdminKey
            : RevokeApiKeyResult.NotFound;
    }

    /// <summary>Lower-case hex SHA-256 of a plaintext key, as stored in <see cref="ApiKey.Hash"/>.</summary>
    public static string Hash(string plaintextKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plaintextKey)));
}

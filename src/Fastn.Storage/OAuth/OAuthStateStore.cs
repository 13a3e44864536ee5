using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.OAuth;

/// <summary>OAuth <c>state</c> values: random, stored hashed, consumable exactly once before they expire.</summary>
public sealed class OAuthStateStore(FastnDbContext db, TimeProvider time)
{
    /// <summary>Stores a pending authorization and returns the plaintext <c>state</c> to send to the provider.</summary>
    public async Task<string> CreateAsync(NewOAuthState request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var state = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var row = new OAuthState
        {
            State = Hash(state),
            WorkspaceId = request.WorkspaceId,
            TenantId = request.TenantId,
            Connector = request.Connector,
            AuthMethod = request.AuthMethod,
            RedirectUri = request.RedirectUri,
            CodeVerifierProtected = request.CodeVerifierProtected,
            ConnectionId = request.ConnectionId,
            ReturnUrl = request.ReturnUrl,
            Parameters = request.Parameters,
            CreatedAt = now,
            ExpiresAt = now + request.Lifetime,
        };
        db.OAuthStates.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(row).State = EntityState.Detached;
        }

        return state;
    }

    /// <summary>
    /// Consumes a state atomically: returns its row the first time it is presented before expiry, and null
    /// for an unknown, expired or already consumed state — also when two callbacks race with the same value.
    /// </summary>
    public async Task<OAuthState?> ConsumeAsync(string state, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(state))
        {
            return null;
        }

        var hash = Hash(state);
        var now = time.GetUtcNow();
        // A single conditional UPDATE: the database serialises racing consumers and only one sees a row change.
        var won = await db.OAuthStates
            .Where(s => s.State == hash && s.ConsumedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ConsumedAt, now), cancellationToken) == 1;
        return won ? await db.OAuthStates.AsNoTracking().FirstOrDefaultAsync(s => s.State == hash, cancellationToken) : null;
    }

    /// <summary>Deletes states that expired more than <paramref name="olderThan"/> ago; returns how many.</summary>
    public Task<int> PurgeExpiredAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        var cutoff = time.GetUtcNow() - olderThan;
        return db.OAuthStates.Where(s => s.ExpiresAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private static string Hash(string state) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

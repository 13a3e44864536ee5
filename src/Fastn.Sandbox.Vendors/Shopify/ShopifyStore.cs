using System.Collections.Concurrent;
using System.Security.Cryptography;
using Fastn.Sandbox.State;

namespace Fastn.Sandbox.Vendors.Shopify;

/// <summary>
/// Every simulated shop, the OAuth consents, codes and tokens, and the per-token leaky buckets. Thread-safe. Codes and
/// tokens are saved through <see cref="SandboxStateStore"/> so connections survive a restart.
/// </summary>
internal sealed class ShopifyStore
{
    /// <summary>Bucket size of the REST Admin API (standard plans).</summary>
    public const int BucketSize = 40;

    /// <summary>Calls leaked per second.</summary>
    public const double LeakPerSecond = 2;

    private readonly ConcurrentDictionary<string, ShopifyShopData> _shops = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ShopifyConsent> _consents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ShopifyConsent> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ShopifyGrant> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _saveLock = new();
    private readonly TimeProvider _time;
    private readonly SandboxStateStore? _state;

    public ShopifyStore(TimeProvider time, SandboxStateStore? state = null)
    {
        _time = time;
        _state = state;
        if (state?.Load<SavedGrants>(ShopifySandboxApp.AppName) is { } saved)
        {
            foreach (var (code, consent) in saved.Codes ?? new())
            {
                _codes[code] = consent;
            }

            foreach (var grant in saved.Tokens ?? [])
            {
                _tokens[grant.Token] = grant;
            }
        }
    }

    public TimeProvider Time => _time;

    public ShopifyShopData Shop(string shop) => _shops.GetOrAdd(shop.ToLowerInvariant(), s => new ShopifyShopData(s, _time));

    public ShopifyConsent StartConsent(string shop, string redirectUri, IReadOnlyList<string> scopes, string? state)
    {
        var consent = new ShopifyConsent(NewId(), shop.ToLowerInvariant(), redirectUri, scopes, state);
        _consents[consent.Id] = consent;
        return consent;
    }

    public ShopifyConsent? TakeConsent(string id) => _consents.TryRemove(id, out var consent) ? consent : null;

    public string IssueCode(ShopifyConsent consent)
    {
        var code = NewId();
        _codes[code] = consent;
        Save();
        return code;
    }

    /// <summary>Redeems a code once, for the shop it was issued for; returns the offline access token (it never expires).</summary>
    public ShopifyGrant? Redeem(string shop, string code)
    {
        if (!_codes.TryRemove(code, out var consent) || !string.Equals(consent.Shop, shop, StringComparison.OrdinalIgnoreCase))
        {
            Save();
            return null;
        }

        var grant = new ShopifyGrant("shpat_" + NewId(), consent.Shop, consent.Scopes);
        _tokens[grant.Token] = grant;
        Save();
        return grant;
    }

    public ShopifyGrant? Find(string token) => _tokens.TryGetValue(token, out var grant) ? grant : null;

    /// <summary>Adds one call to the token's bucket; returns the level after the call, or -1 when the bucket is full.</summary>
    public int Count(string token)
    {
        var bucket = _buckets.GetOrAdd(token, _ => new Bucket());
        lock (bucket)
        {
            var now = _time.GetUtcNow();
            bucket.Level = Math.Max(0, bucket.Level - ((now - bucket.At).TotalSeconds * LeakPerSecond));
            bucket.At = now;
            if (bucket.Level + 1 > BucketSize)
            {
                return -1;
            }

            bucket.Level += 1;
            return (int)Math.Ceiling(bucket.Level);
        }
    }

    /// <summary>Fills a token's bucket (test hook for the 429 path).</summary>
    public void Exhaust(string token)
    {
        var bucket = _buckets.GetOrAdd(token, _ => new Bucket());
        lock (bucket)
        {
            bucket.Level = BucketSize;
            bucket.At = _time.GetUtcNow();
        }
    }

    private static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private void Save()
    {
        if (_state is not { IsPersistent: true })
        {
            return;
        }

        // Snapshots are taken and written one at a time, so an older one never overwrites a newer one.
        lock (_saveLock)
        {
            _state.Save(ShopifySandboxApp.AppName, new SavedGrants(_codes.ToDictionary(StringComparer.Ordinal), [.. _tokens.Values]));
        }
    }

    private sealed record SavedGrants(Dictionary<string, ShopifyConsent>? Codes, IReadOnlyList<ShopifyGrant>? Tokens);

    private sealed class Bucket
    {
        public double Level { get; set; }

        public DateTimeOffset At { get; set; }
    }
}

/// <summary>An install request waiting for the merchant's decision, then an unredeemed code.</summary>
internal sealed record ShopifyConsent(string Id, string Shop, string RedirectUri, IReadOnlyList<string> Scopes, string? State);

/// <summary>An offline access token of one shop.</summary>
internal sealed record ShopifyGrant(string Token, string Shop, IReadOnlyList<string> Scopes)
{
    /// <summary>Whether the grant covers <paramref name="scope"/> (<c>write_x</c> implies <c>read_x</c>).</summary>
    public bool Allows(string scope) =>
        Scopes.Contains(scope) || (scope.StartsWith("read_", StringComparison.Ordinal) && Scopes.Contains("write_" + scope["read_".Length..]));
}

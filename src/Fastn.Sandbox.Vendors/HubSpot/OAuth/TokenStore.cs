using Fastn.Sandbox.State;

namespace Fastn.Sandbox.Vendors.HubSpot.OAuth;

/// <summary>
/// Pending consents, authorization codes, access tokens (30 minutes) and non-rotating refresh tokens; codes and
/// tokens are saved through <see cref="SandboxStateStore"/> so connections survive a restart.
/// </summary>
internal sealed class TokenStore
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(30);

    public static IReadOnlySet<string> KnownScopes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "oauth", "crm.objects.contacts.read", "crm.objects.contacts.write", "crm.objects.companies.read", "crm.objects.companies.write",
        "crm.objects.deals.read", "crm.objects.deals.write", "crm.schemas.contacts.read", "crm.lists.read",
    };

    private readonly Lock _lock = new();
    private readonly Dictionary<string, ConsentRequest> _consents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConsentRequest> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlySet<string>> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly SandboxStateStore? _state;

    public TokenStore(TimeProvider time, SandboxStateStore? state = null)
    {
        _time = time;
        _state = state;
        if (state?.Load<SavedTokens>(HubSpotSandboxApp.AppName) is { } saved)
        {
            foreach (var code in saved.Codes ?? [])
            {
                _codes[code.Code] = new ConsentRequest(code.Id, code.RedirectUri, code.Scopes.ToHashSet(StringComparer.Ordinal), code.State, code.ExpiresAt);
            }

            foreach (var (token, grant) in saved.AccessTokens ?? new())
            {
                _accessTokens[token] = new Grant(grant.Scopes.ToHashSet(StringComparer.Ordinal), grant.ExpiresAt);
            }

            foreach (var (token, scopes) in saved.RefreshTokens ?? new())
            {
                _refreshTokens[token] = scopes.ToHashSet(StringComparer.Ordinal);
            }
        }
    }

    public sealed record ConsentRequest(string Id, string RedirectUri, IReadOnlySet<string> Scopes, string? State, DateTimeOffset ExpiresAt);

    public sealed record Grant(IReadOnlySet<string> Scopes, DateTimeOffset ExpiresAt);

    public ConsentRequest StartConsent(string redirectUri, IReadOnlySet<string> scopes, string? state)
    {
        var request = new ConsentRequest(HubSpotState.RandomToken("", 16), redirectUri, scopes, state, _time.GetUtcNow().AddMinutes(10));
        lock (_lock)
        {
            _consents[request.Id] = request;
        }

        return request;
    }

    public ConsentRequest? TakeConsent(string id)
    {
        lock (_lock)
        {
            return _consents.Remove(id, out var r) && r.ExpiresAt > _time.GetUtcNow() ? r : null;
        }
    }

    public string IssueCode(ConsentRequest request)
    {
        var code = Guid.NewGuid().ToString();
        lock (_lock)
        {
            _codes[code] = request with { ExpiresAt = _time.GetUtcNow().AddMinutes(5) };
            SaveLocked();
        }

        return code;
    }

    /// <summary>Redeems a code once; null when unknown, expired or issued for another redirect URI.</summary>
    public (string Access, string Refresh)? Redeem(string code, string redirectUri)
    {
        lock (_lock)
        {
            if (!_codes.Remove(code, out var request) || request.ExpiresAt <= _time.GetUtcNow() || request.RedirectUri != redirectUri)
            {
                SaveLocked();
                return null;
            }

            var refresh = Guid.NewGuid().ToString();
            _refreshTokens[refresh] = request.Scopes;
            return (IssueAccess(request.Scopes), refresh);
        }
    }

    /// <summary>A new access token for a refresh token, which stays the same (HubSpot's refresh tokens do not rotate).</summary>
    public string? Refresh(string refreshToken)
    {
        lock (_lock)
        {
            return _refreshTokens.TryGetValue(refreshToken, out var scopes) ? IssueAccess(scopes) : null;
        }
    }

    public Grant? Find(string accessToken)
    {
        lock (_lock)
        {
            return _accessTokens.GetValueOrDefault(accessToken);
        }
    }

    /// <summary>Counts a request in the token's 10-second window; returns how many remain, or -1 when over <paramref name="max"/>.</summary>
    public int Count(string token, int max, TimeSpan window)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_windows.TryGetValue(token, out var hits))
            {
                _windows[token] = hits = new Queue<DateTimeOffset>();
            }

            while (hits.Count > 0 && now - hits.Peek() >= window)
            {
                hits.Dequeue();
            }

            if (hits.Count >= max)
            {
                return -1;
            }

            hits.Enqueue(now);
            return max - hits.Count;
        }
    }

    private string IssueAccess(IReadOnlySet<string> scopes)
    {
        // HubSpot access tokens are opaque base64url strings starting with "C".
        var token = HubSpotState.RandomToken("CN", 48);
        _accessTokens[token] = new Grant(scopes, _time.GetUtcNow() + AccessTokenLifetime);
        SaveLocked();
        return token;
    }

    private void SaveLocked()
    {
        if (_state is not { IsPersistent: true })
        {
            return;
        }

        // Expired codes and access tokens are useless after a restart; refresh tokens do not expire.
        var now = _time.GetUtcNow();
        _state.Save(HubSpotSandboxApp.AppName, new SavedTokens(
            [.. _codes.Where(c => c.Value.ExpiresAt > now).Select(c => new SavedCode(c.Key, c.Value.Id, c.Value.RedirectUri, [.. c.Value.Scopes], c.Value.State, c.Value.ExpiresAt))],
            _accessTokens.Where(t => t.Value.ExpiresAt > now).ToDictionary(t => t.Key, t => new SavedGrant([.. t.Value.Scopes], t.Value.ExpiresAt), StringComparer.Ordinal),
            _refreshTokens.ToDictionary(t => t.Key, t => (IReadOnlyList<string>)[.. t.Value], StringComparer.Ordinal)));
    }

    internal sealed record SavedTokens(
        IReadOnlyList<SavedCode>? Codes, Dictionary<string, SavedGrant>? AccessTokens, Dictionary<string, IReadOnlyList<string>>? RefreshTokens);

    internal sealed record SavedCode(string Code, string Id, string RedirectUri, IReadOnlyList<string> Scopes, string? State, DateTimeOffset ExpiresAt);

    internal sealed record SavedGrant(IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);
}

namespace Fastn.Sandbox.Vendors.HubSpot.OAuth;

/// <summary>Pending consents, authorization codes, access tokens (30 minutes) and non-rotating refresh tokens.</summary>
internal sealed class TokenStore(TimeProvider time)
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

    public sealed record ConsentRequest(string Id, string RedirectUri, IReadOnlySet<string> Scopes, string? State, DateTimeOffset ExpiresAt);

    public sealed record Grant(IReadOnlySet<string> Scopes, DateTimeOffset ExpiresAt);

    public ConsentRequest StartConsent(string redirectUri, IReadOnlySet<string> scopes, string? state)
    {
        var request = new ConsentRequest(HubSpotState.RandomToken("", 16), redirectUri, scopes, state, time.GetUtcNow().AddMinutes(10));
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
            return _consents.Remove(id, out var r) && r.ExpiresAt > time.GetUtcNow() ? r : null;
        }
    }

    public string IssueCode(ConsentRequest request)
    {
        var code = Guid.NewGuid().ToString();
        lock (_lock)
        {
            _codes[code] = request with { ExpiresAt = time.GetUtcNow().AddMinutes(5) };
        }

        return code;
    }

    /// <summary>Redeems a code once; null when unknown, expired or issued for another redirect URI.</summary>
    public (string Access, string Refresh)? Redeem(string code, string redirectUri)
    {
        lock (_lock)
        {
            if (!_codes.Remove(code, out var request) || request.ExpiresAt <= time.GetUtcNow() || request.RedirectUri != redirectUri)
            {
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
        var now = time.GetUtcNow();
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
        _accessTokens[token] = new Grant(scopes, time.GetUtcNow() + AccessTokenLifetime);
        return token;
    }
}

using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Fastn.Sandbox.State;

namespace Fastn.Samples.Acme.OAuth;

/// <summary>
/// Thread-safe state of the Acme OAuth server: pending authorization requests, codes, access tokens and rotating
/// refresh tokens grouped in families (one family per grant). Codes and tokens are saved through the sandbox's
/// <see cref="SandboxStateStore"/> on every change, so connections survive a server restart.
/// </summary>
public sealed class AcmeTokenStore
{
    private readonly AcmeOptions _options;
    private readonly TimeProvider _time;
    private readonly SandboxStateStore? _state;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AuthorizationRequest> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeEntry> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AcmeAccessToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RefreshEntry> _refreshTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _revokedFamilies = new(StringComparer.Ordinal);
    private int _refreshRequests;
    private int _successfulRefreshes;
    private int _tokenRequests;

    internal AcmeTokenStore(AcmeOptions options, TimeProvider time, SandboxStateStore? state = null)
    {
        _options = options;
        _time = time;
        _state = state;
        if (state?.Load<SavedTokens>(StateName) is { } saved)
        {
            Restore(saved);
        }
    }

    /// <summary>Number of <c>grant_type=refresh_token</c> requests received, successful or not.</summary>
    public int RefreshRequestCount => Volatile.Read(ref _refreshRequests);

    /// <summary>Number of refresh requests that returned new tokens.</summary>
    public int SuccessfulRefreshCount => Volatile.Read(ref _successfulRefreshes);

    /// <summary>Number of requests to <c>/oauth/token</c>, any grant type.</summary>
    public int TokenRequestCount => Volatile.Read(ref _tokenRequests);

    /// <summary>Issues tokens without the browser flow, as if the demo user had consented (for tests and demos).</summary>
    public AcmeTokenSet IssueTokens(string clientId, string accountId, IEnumerable<string> scopes, bool withRefreshToken = true)
    {
        lock (_lock)
        {
            return IssueLocked(clientId, accountId, scopes.ToList(), withRefreshToken ? NewId("fam_") : null);
        }
    }

    /// <summary>Returns the token if it exists, is not revoked and has not expired; otherwise null.</summary>
    public AcmeAccessToken? ValidateAccessToken(string token)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            if (!_accessTokens.TryGetValue(token, out var entry))
            {
                return null;
            }

            if (entry.ExpiresAt <= now || (entry.FamilyId is not null && _revokedFamilies.Contains(entry.FamilyId)))
            {
                return null;
            }

            return entry;
        }
    }

    /// <summary>Forgets every request, code and token and zeroes the counters.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _requests.Clear();
            _codes.Clear();
            _accessTokens.Clear();
            _refreshTokens.Clear();
            _revokedFamilies.Clear();
            _refreshRequests = 0;
            _successfulRefreshes = 0;
            _tokenRequests = 0;
            SaveLocked();
        }
    }

    internal void CountTokenRequest(bool isRefresh)
    {
        Interlocked.Increment(ref _tokenRequests);
        if (isRefresh)
        {
            Interlocked.Increment(ref _refreshRequests);
        }
    }

    internal AuthorizationRequest CreateAuthorizationRequest(
        AcmeOAuthClient client, string redirectUri, IReadOnlyList<string> scopes, string? state, string? codeChallenge)
    {
        var request = new AuthorizationRequest(
            NewId("ar_"), client, redirectUri, scopes, state, codeChallenge, _time.GetUtcNow() + _options.AuthorizationRequestLifetime);
        lock (_lock)
        {
            PurgeExpiredLocked();
            _requests[request.Id] = request;
        }

        return request;
    }

    internal AuthorizationRequest? FindAuthorizationRequest(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        lock (_lock)
        {
            return _requests.TryGetValue(id, out var request) && request.ExpiresAt > _time.GetUtcNow() ? request : null;
        }
    }

    internal void RemoveAuthorizationRequest(string id)
    {
        lock (_lock)
        {
            _requests.Remove(id);
        }
    }

    /// <summary>Turns a signed-in, approved request into a single-use authorization code.</summary>
    internal string IssueCode(AuthorizationRequest request)
    {
        var code = NewId("ac_");
        lock (_lock)
        {
            _requests.Remove(request.Id);
            _codes[code] = new CodeEntry(
                request.Client.ClientId, request.RedirectUri, request.Scopes, request.CodeChallenge,
                request.AccountId ?? throw new InvalidOperationException("The request is not signed in."),
                _time.GetUtcNow() + _options.AuthorizationCodeLifetime);
            SaveLocked();
        }

        return code;
    }

    internal (AcmeTokenSet? Tokens, OAuthError? Error) RedeemCode(
        AcmeOAuthClient client, string? code, string? redirectUri, string? codeVerifier)
    {
        if (string.IsNullOrEmpty(code))
        {
            return (null, OAuthError.InvalidRequest("The 'code' parameter is required."));
        }

        lock (_lock)
        {
            if (!_codes.TryGetValue(code, out var entry))
            {
                return (null, OAuthError.InvalidGrant("The authorization code is unknown."));
            }

            if (entry.Used)
            {
                // RFC 6749 §4.1.2: a replayed code revokes what it already produced.
                if (entry.FamilyId is not null)
                {
                    RevokeFamilyLocked(entry.FamilyId);
                }

                return (null, OAuthError.InvalidGrant("The authorization code was already used; tokens issued from it are revoked."));
            }

            if (!string.Equals(entry.ClientId, client.ClientId, StringComparison.Ordinal))
            {
                return (null, OAuthError.InvalidGrant("The authorization code was issued to another client."));
            }

            // Single use: any redemption attempt by its client consumes the code.
            entry.Used = true;
            SaveLocked();
            if (entry.ExpiresAt <= _time.GetUtcNow())
            {
                return (null, OAuthError.InvalidGrant("The authorization code has expired."));
            }

            if (!string.Equals(entry.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                return (null, OAuthError.InvalidGrant("redirect_uri does not match the one used in the authorization request."));
            }

            if (entry.CodeChallenge is not null)
            {
                if (string.IsNullOrEmpty(codeVerifier))
                {
                    return (null, OAuthError.InvalidGrant("code_verifier is required: the authorization request used PKCE."));
                }

                if (!VerifyPkce(entry.CodeChallenge, codeVerifier))
                {
                    return (null, OAuthError.InvalidGrant("PKCE verification failed: code_verifier does not match code_challenge."));
                }
            }
            else if (client.ClientSecret is null)
            {
                return (null, OAuthError.InvalidGrant("Public clients must use PKCE."));
            }

            entry.FamilyId = NewId("fam_");
            return (IssueLocked(client.ClientId, entry.AccountId, entry.Scopes, entry.FamilyId), null);
        }
    }

    internal (AcmeTokenSet? Tokens, OAuthError? Error) Refresh(AcmeOAuthClient client, string? refreshToken, string? scope)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            return (null, OAuthError.InvalidRequest("The 'refresh_token' parameter is required."));
        }

        lock (_lock)
        {
            if (!_refreshTokens.TryGetValue(refreshToken, out var entry))
            {
                return (null, OAuthError.InvalidGrant("The refresh token is unknown."));
            }

            if (!string.Equals(entry.ClientId, client.ClientId, StringComparison.Ordinal))
            {
                return (null, OAuthError.InvalidGrant("The refresh token was issued to another client."));
            }

            if (_revokedFamilies.Contains(entry.FamilyId))
            {
                return (null, OAuthError.InvalidGrant("The refresh token has been revoked."));
            }

            if (entry.Rotated)
            {
                // Reuse of a rotated token means it leaked: revoke the whole grant.
                RevokeFamilyLocked(entry.FamilyId);
                return (null, OAuthError.InvalidGrant("The refresh token was already used (reuse detected); the grant has been revoked."));
            }

            if (entry.ExpiresAt <= _time.GetUtcNow())
            {
                return (null, OAuthError.InvalidGrant("The refresh token has expired."));
            }

            var scopes = entry.Scopes;
            if (!string.IsNullOrWhiteSpace(scope))
            {
                var requested = AcmeScopes.Parse(scope);
                if (requested.Any(s => !entry.Scopes.Contains(s)))
                {
                    return (null, OAuthError.InvalidScope("A refresh may only narrow the originally granted scopes."));
                }

                scopes = requested;
            }

            entry.Rotated = true;
            Interlocked.Increment(ref _successfulRefreshes);
            return (IssueLocked(client.ClientId, entry.AccountId, scopes, entry.FamilyId), null);
        }
    }

    internal AcmeTokenSet ClientCredentials(AcmeOAuthClient client, string accountId, IReadOnlyList<string> scopes)
    {
        lock (_lock)
        {
            return IssueLocked(client.ClientId, accountId, scopes, familyId: null);
        }
    }

    /// <summary>RFC 7009: revokes an access token, or a refresh token together with its whole grant.</summary>
    internal void Revoke(AcmeOAuthClient client, string token)
    {
        lock (_lock)
        {
            if (_refreshTokens.TryGetValue(token, out var refresh) && refresh.ClientId == client.ClientId)
            {
                RevokeFamilyLocked(refresh.FamilyId);
            }
            else if (_accessTokens.TryGetValue(token, out var access) && access.ClientId == client.ClientId)
            {
                _accessTokens.Remove(token);
                SaveLocked();
            }
        }
    }

    internal static bool VerifyPkce(string codeChallenge, string codeVerifier)
    {
        if (codeVerifier.Length is < 43 or > 128 || !codeVerifier.All(IsUnreservedChar))
        {
            return false;
        }

        var computed = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(codeChallenge));
    }

    private static bool IsUnreservedChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';

    private AcmeTokenSet IssueLocked(string clientId, string accountId, IReadOnlyList<string> scopes, string? familyId)
    {
        PurgeExpiredLocked();
        var now = _time.GetUtcNow();
        var access = new AcmeAccessToken(
            NewId("acme_at_"), clientId, accountId, scopes, now + _options.AccessTokenLifetime, familyId);
        _accessTokens[access.Token] = access;

        string? refreshToken = null;
        if (familyId is not null)
        {
            refreshToken = NewId("acme_rt_");
            _refreshTokens[refreshToken] = new RefreshEntry(clientId, accountId, scopes, familyId, now + _options.RefreshTokenLifetime);
        }

        SaveLocked();
        return new AcmeTokenSet(
            access.Token, "Bearer", (int)Math.Ceiling(_options.AccessTokenLifetime.TotalSeconds), refreshToken, AcmeScopes.Join(scopes));
    }

    private void RevokeFamilyLocked(string familyId)
    {
        _revokedFamilies.Add(familyId);
        foreach (var token in _accessTokens.Where(t => t.Value.FamilyId == familyId).Select(t => t.Key).ToList())
        {
            _accessTokens.Remove(token);
        }

        SaveLocked();
    }

    private void PurgeExpiredLocked()
    {
        // Keeps memory bounded in long demo sessions; small maps are left alone.
        if (_accessTokens.Count + _codes.Count + _requests.Count < 10_000)
        {
            return;
        }

        var now = _time.GetUtcNow();
        foreach (var key in _accessTokens.Where(t => t.Value.ExpiresAt <= now).Select(t => t.Key).ToList())
        {
            _accessTokens.Remove(key);
        }

        foreach (var key in _codes.Where(c => c.Value.ExpiresAt <= now).Select(c => c.Key).ToList())
        {
            _codes.Remove(key);
        }

        foreach (var key in _requests.Where(r => r.Value.ExpiresAt <= now).Select(r => r.Key).ToList())
        {
            _requests.Remove(key);
        }
    }

    private const string StateName = AcmeSandboxApp.AppName;

    private void SaveLocked()
    {
        if (_state is not { IsPersistent: true })
        {
            return;
        }

        // Expired entries are useless after a restart; leaving them out keeps the file small.
        var now = _time.GetUtcNow();
        _state.Save(StateName, new SavedTokens(
            [.. _codes.Where(c => c.Value.ExpiresAt > now).Select(c => new SavedCode(
                c.Key, c.Value.ClientId, c.Value.RedirectUri, c.Value.Scopes, c.Value.CodeChallenge, c.Value.AccountId, c.Value.ExpiresAt, c.Value.Used, c.Value.FamilyId))],
            [.. _accessTokens.Values.Where(t => t.ExpiresAt > now)],
            [.. _refreshTokens.Where(r => r.Value.ExpiresAt > now).Select(r => new SavedRefreshToken(
                r.Key, r.Value.ClientId, r.Value.AccountId, r.Value.Scopes, r.Value.FamilyId, r.Value.ExpiresAt, r.Value.Rotated))],
            [.. _revokedFamilies]));
    }

    private void Restore(SavedTokens saved)
    {
        foreach (var code in saved.Codes ?? [])
        {
            _codes[code.Code] = new CodeEntry(code.ClientId, code.RedirectUri, code.Scopes, code.CodeChallenge, code.AccountId, code.ExpiresAt)
            {
                Used = code.Used,
                FamilyId = code.FamilyId,
            };
        }

        foreach (var token in saved.AccessTokens ?? [])
        {
            _accessTokens[token.Token] = token;
        }

        foreach (var refresh in saved.RefreshTokens ?? [])
        {
            _refreshTokens[refresh.Token] = new RefreshEntry(refresh.ClientId, refresh.AccountId, refresh.Scopes, refresh.FamilyId, refresh.ExpiresAt)
            {
                Rotated = refresh.Rotated,
            };
        }

        _revokedFamilies.UnionWith(saved.RevokedFamilies ?? []);
    }

    private static string NewId(string prefix) => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    private sealed class CodeEntry(
        string clientId, string redirectUri, IReadOnlyList<string> scopes, string? codeChallenge, string accountId, DateTimeOffset expiresAt)
    {
        public string ClientId { get; } = clientId;

        public string RedirectUri { get; } = redirectUri;

        public IReadOnlyList<string> Scopes { get; } = scopes;

        public string? CodeChallenge { get; } = codeChallenge;

        public string AccountId { get; } = accountId;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public bool Used { get; set; }

        public string? FamilyId { get; set; }
    }

    private sealed class RefreshEntry(
        string clientId, string accountId, IReadOnlyList<string> scopes, string familyId, DateTimeOffset expiresAt)
    {
        public string ClientId { get; } = clientId;

        public string AccountId { get; } = accountId;

        public IReadOnlyList<string> Scopes { get; } = scopes;

        public string FamilyId { get; } = familyId;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public bool Rotated { get; set; }
    }

    internal sealed record SavedTokens(
        IReadOnlyList<SavedCode>? Codes,
        IReadOnlyList<AcmeAccessToken>? AccessTokens,
        IReadOnlyList<SavedRefreshToken>? RefreshTokens,
        IReadOnlyList<string>? RevokedFamilies);

    internal sealed record SavedCode(
        string Code, string ClientId, string RedirectUri, IReadOnlyList<string> Scopes, string? CodeChallenge, string AccountId,
        DateTimeOffset ExpiresAt, bool Used, string? FamilyId);

    internal sealed record SavedRefreshToken(
        string Token, string ClientId, string AccountId, IReadOnlyList<string> Scopes, string FamilyId, DateTimeOffset ExpiresAt, bool Rotated);
}

using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Sandbox.State;

namespace Fastn.Sandbox.Vendors.Xero;

/// <summary>
/// The state of the simulated Xero: organisations, OAuth grants, rate limits and webhooks. Thread-safe. In memory, except
/// codes and tokens, which are also saved through <see cref="SandboxStateStore"/> so connections survive a restart.
/// </summary>
internal sealed class XeroSimulation
{
    public const string HttpClientName = "Fastn.Sandbox.Vendors.Xero";
    public const int MinuteLimit = 60;
    public const int DayLimit = 5000;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, AuthRequest> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthRequest> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Grant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dayCalls = new(StringComparer.Ordinal);
    private readonly Queue<(string Problem, int RetryAfter)> _forcedLimits = new();
    private readonly List<string> _webhookUrls = [];
    private readonly List<XeroWebhookDelivery> _deliveries = [];
    private readonly IHttpClientFactory _httpClients;
    private readonly SandboxStateStore? _state;
    private long _sequence;

    public XeroSimulation(TimeProvider time, IHttpClientFactory httpClients, SandboxStateStore? state = null)
    {
        Time = time;
        _httpClients = httpClients;
        _state = state;
        if (state?.Load<SavedGrants>(XeroSandboxApp.AppName) is { } saved)
        {
            foreach (var (code, request) in saved.Codes ?? new())
            {
                _codes[code] = request;
            }

            foreach (var (token, grant) in saved.AccessTokens ?? new())
            {
                _accessTokens[token] = grant;
            }

            foreach (var (token, grant) in saved.RefreshTokens ?? new())
            {
                _refreshTokens[token] = grant;
            }
        }
    }

    public TimeProvider Time { get; }

    public Lock Sync => _lock;

    public List<SimOrganisation> Organisations { get; } = XeroSeeder.Seed();

    public string WebhookKey { get; set; } = XeroSandboxApp.DefaultWebhookKey;

    public SimOrganisation? Find(string tenantId) => Organisations.FirstOrDefault(o => o.TenantId == tenantId);

    // ---- OAuth ----

    public AuthRequest CreateRequest(string redirectUri, string? state, IReadOnlyList<string> scopes, string? challenge)
    {
        var request = new AuthRequest(Token("req"), redirectUri, state, scopes, challenge, Time.GetUtcNow().AddMinutes(10));
        lock (_lock)
        {
            _requests[request.Id] = request;
        }

        return request;
    }

    public AuthRequest? FindRequest(string id)
    {
        lock (_lock)
        {
            return _requests.TryGetValue(id, out var r) && r.ExpiresAt > Time.GetUtcNow() ? r : null;
        }
    }

    public void SignIn(AuthRequest request)
    {
        lock (_lock)
        {
            request.SignedIn = true;
        }
    }

    public string IssueCode(AuthRequest request, IReadOnlyList<string> tenants)
    {
        var code = Token("code");
        lock (_lock)
        {
            _requests.Remove(request.Id);
            _codes[code] = request with { Tenants = tenants, ExpiresAt = Time.GetUtcNow().AddMinutes(5) };
            SaveLocked();
        }

        return code;
    }

    public void Deny(AuthRequest request)
    {
        lock (_lock)
        {
            _requests.Remove(request.Id);
        }
    }

    public (JsonObject? Tokens, string? Error) RedeemCode(string code, string redirectUri, string? verifier)
    {
        lock (_lock)
        {
            if (!_codes.Remove(code, out var request) || request.ExpiresAt <= Time.GetUtcNow())
            {
                SaveLocked();
                return (null, "invalid_grant");
            }

            if (request.RedirectUri != redirectUri)
            {
                SaveLocked();
                return (null, "invalid_grant");
            }

            if (request.Challenge is not null)
            {
                var computed = verifier is null ? null
                    : Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                if (computed != request.Challenge)
                {
                    SaveLocked();
                    return (null, "invalid_grant");
                }
            }

            return (IssueTokens(new Grant(Token("auth"), request.Tenants, request.Scopes, default)), null);
        }
    }

    public (JsonObject? Tokens, string? Error) Refresh(string refreshToken)
    {
        lock (_lock)
        {
            // Refresh tokens rotate: the one used stops working, the response carries the next.
            if (!_refreshTokens.Remove(refreshToken, out var grant))
            {
                return (null, "invalid_grant");
            }

            return (IssueTokens(grant), null);
        }
    }

    public void Revoke(string token)
    {
        lock (_lock)
        {
            if (_refreshTokens.Remove(token, out var grant))
            {
                foreach (var access in _accessTokens.Where(t => t.Value.AuthEventId == grant.AuthEventId).Select(t => t.Key).ToList())
                {
                    _accessTokens.Remove(access);
                }

                SaveLocked();
            }
        }
    }

    public Grant? Authenticate(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrEmpty(header.Parameter))
        {
            return null;
        }

        lock (_lock)
        {
            return _accessTokens.TryGetValue(header.Parameter, out var grant) && grant.ExpiresAt > Time.GetUtcNow() ? grant : null;
        }
    }

    /// <summary>Issues an access token for a tenant directly (tests that skip the consent pages).</summary>
    public string IssueAccessToken(params string[] tenants)
    {
        lock (_lock)
        {
            var tokens = IssueTokens(new Grant(Token("auth"), tenants, ["accounting.transactions", "accounting.contacts", "accounting.settings"], default));
            return tokens["access_token"]!.GetValue<string>();
        }
    }

    /// <summary>Makes the access token expire now (tests of refresh).</summary>
    public void ExpireAccessTokens()
    {
        lock (_lock)
        {
            foreach (var key in _accessTokens.Keys.ToList())
            {
                _accessTokens[key] = _accessTokens[key] with { ExpiresAt = Time.GetUtcNow().AddSeconds(-1) };
            }

            SaveLocked();
        }
    }

    private JsonObject IssueTokens(Grant grant)
    {
        var access = Token("xat");
        var refresh = Token("xrt");
        var expires = Time.GetUtcNow().AddMinutes(30);
        _accessTokens[access] = grant with { ExpiresAt = expires };
        _refreshTokens[refresh] = grant;
        SaveLocked();
        var tokens = new JsonObject
        {
            ["access_token"] = access,
            ["expires_in"] = 1800,
            ["token_type"] = "Bearer",
            ["refresh_token"] = refresh,
            ["scope"] = string.Join(' ', grant.Scopes),
        };
        if (grant.Scopes.Contains("openid"))
        {
            tokens["id_token"] = IdToken(grant);
        }

        return tokens;
    }

    private string IdToken(Grant grant)
    {
        static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = Time.GetUtcNow().ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["iss"] = "https://identity.xero.com",
            ["sub"] = XeroWire.StableGuid("user:demo"),
            ["aud"] = XeroSandboxApp.DefaultClientId,
            ["iat"] = now,
            ["exp"] = now + 300,
            ["email"] = XeroSandboxApp.DemoEmail,
            ["given_name"] = "Demo",
            ["family_name"] = "User",
            ["global_session_id"] = grant.AuthEventId,
        };
        return B64("""{"alg":"none","typ":"JWT"}""") + "." + B64(claims.ToJsonString()) + ".";
    }

    public JsonArray Connections(Grant grant)
    {
        return [.. grant.Tenants.Select(Find).OfType<SimOrganisation>().Select(o => (JsonNode)new JsonObject
        {
            ["id"] = XeroWire.StableGuid($"connection:{grant.AuthEventId}:{o.TenantId}"),
            ["authEventId"] = XeroWire.StableGuid("auth-event:" + grant.AuthEventId),
            ["tenantId"] = o.TenantId,
            ["tenantType"] = "ORGANISATION",
            ["tenantName"] = o.Name,
            ["createdDateUtc"] = XeroSeeder.Anchor.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture),
            ["updatedDateUtc"] = Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture),
        })];
    }

    // ---- Rate limits ----

    /// <summary>Counts a call for the tenant; returns the limit problem and wait when it is over a limit.</summary>
    public (string? Problem, int RetryAfter, int MinuteRemaining, int DayRemaining) CountCall(string tenantId)
    {
        var now = Time.GetUtcNow();
        lock (_lock)
        {
            if (_forcedLimits.TryDequeue(out var forced))
            {
                return (forced.Problem, forced.RetryAfter, 0, 0);
            }

            if (!_calls.TryGetValue(tenantId, out var calls))
            {
                _calls[tenantId] = calls = new Queue<DateTimeOffset>();
            }

            while (calls.Count > 0 && calls.Peek() <= now.AddMinutes(-1))
            {
                calls.Dequeue();
            }

            var day = _dayCalls.GetValueOrDefault(tenantId);
            if (calls.Count >= MinuteLimit)
            {
                var wait = (int)Math.Ceiling((calls.Peek().AddMinutes(1) - now).TotalSeconds);
                return ("minute", Math.Max(wait, 1), 0, DayLimit - day);
            }

            calls.Enqueue(now);
            _dayCalls[tenantId] = day + 1;
            return (null, 0, MinuteLimit - calls.Count, DayLimit - day - 1);
        }
    }

    /// <summary>The next API call answers 429 with this problem (test hook).</summary>
    public void ForceRateLimit(string problem, int retryAfterSeconds)
    {
        lock (_lock)
        {
            _forcedLimits.Enqueue((problem, retryAfterSeconds));
        }
    }

    // ---- Webhooks ----

    public IReadOnlyList<XeroWebhookDelivery> Deliveries
    {
        get
        {
            lock (_lock)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>
    /// Registers a delivery URL the way Xero's developer portal does: the URL must first pass intent to receive
    /// (a correctly signed empty delivery answered 200 and a wrongly signed one answered 401).
    /// </summary>
    public async Task<(bool Ok, int? ValidStatus, int? InvalidStatus)> SubscribeAsync(Uri url, CancellationToken ct)
    {
        var valid = await DeliverAsync(url, [], signCorrectly: true, ct);
        var invalid = await DeliverAsync(url, [], signCorrectly: false, ct);
        var ok = valid.StatusCode == 200 && invalid.StatusCode == 401;
        if (ok)
        {
            lock (_lock)
            {
                if (!_webhookUrls.Contains(url.ToString()))
                {
                    _webhookUrls.Add(url.ToString());
                }
            }
        }

        return (ok, valid.StatusCode, invalid.StatusCode);
    }

    /// <summary>Sends one signed delivery of <paramref name="events"/> (empty: intent to receive) and records the outcome.</summary>
    public async Task<XeroWebhookDelivery> DeliverAsync(Uri url, IReadOnlyList<JsonObject> events, bool signCorrectly, CancellationToken ct)
    {
        var first = Interlocked.Increment(ref _sequence);
        var body = new JsonObject
        {
            ["events"] = new JsonArray([.. events.Select(e => (JsonNode)e.DeepClone())]),
            ["firstEventSequence"] = events.Count == 0 ? 0 : first,
            ["lastEventSequence"] = events.Count == 0 ? 0 : first + events.Count - 1,
            ["entropy"] = Token("e")[..22],
        }.ToJsonString();
        var key = signCorrectly ? WebhookKey : WebhookKey + "-wrong";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body)));
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("x-xero-signature", signature);
        int? status = null;
        string? error = null;
        try
        {
            using var response = await _httpClients.CreateClient(HttpClientName).SendAsync(request, ct);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException ex)
        {
            error = ex.Message;
        }

        var delivery = new XeroWebhookDelivery(url, body, signature, signCorrectly, status, error);
        lock (_lock)
        {
            _deliveries.Add(delivery);
        }

        return delivery;
    }

    /// <summary>Sends a change event to every registered URL in the background (as Xero does, batched per delivery).</summary>
    public void Publish(string tenantId, string category, string type, string resourceId)
    {
        List<string> urls;
        lock (_lock)
        {
            urls = [.. _webhookUrls];
        }

        if (urls.Count == 0)
        {
            return;
        }

        var evt = Event(tenantId, category, type, resourceId, Time.GetUtcNow());
        foreach (var url in urls)
        {
            _ = Task.Run(() => DeliverAsync(new Uri(url), [evt], signCorrectly: true, CancellationToken.None));
        }
    }

    /// <summary>One event in Xero's webhook format.</summary>
    public static JsonObject Event(string tenantId, string category, string type, string resourceId, DateTimeOffset at) => new()
    {
        ["resourceUrl"] = $"https://api.xero.com/api.xro/2.0/{(category == "INVOICE" ? "Invoices" : "Contacts")}/{resourceId}",
        ["resourceId"] = resourceId,
        ["eventDateUtc"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture),
        ["eventType"] = type,
        ["eventCategory"] = category,
        ["tenantId"] = tenantId,
        ["tenantType"] = "ORGANISATION",
    };

    private void SaveLocked()
    {
        if (_state is not { IsPersistent: true })
        {
            return;
        }

        // Expired codes and access tokens are useless after a restart; refresh tokens have no expiry here.
        var now = Time.GetUtcNow();
        _state.Save(XeroSandboxApp.AppName, new SavedGrants(
            _codes.Where(c => c.Value.ExpiresAt > now).ToDictionary(StringComparer.Ordinal),
            _accessTokens.Where(t => t.Value.ExpiresAt > now).ToDictionary(StringComparer.Ordinal),
            _refreshTokens.ToDictionary(StringComparer.Ordinal)));
    }

    private static string Token(string prefix) => prefix + "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));

    public sealed record AuthRequest(string Id, string RedirectUri, string? State, IReadOnlyList<string> Scopes, string? Challenge, DateTimeOffset ExpiresAt)
    {
        public IReadOnlyList<string> Tenants { get; init; } = [];

        public bool SignedIn { get; set; }
    }

    public sealed record Grant(string AuthEventId, IReadOnlyList<string> Tenants, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

    private sealed record SavedGrants(
        Dictionary<string, AuthRequest>? Codes, Dictionary<string, Grant>? AccessTokens, Dictionary<string, Grant>? RefreshTokens);
}

/// <summary>One webhook delivery the simulation sent, and how the receiver answered.</summary>
internal sealed record XeroWebhookDelivery(Uri Url, string Body, string Signature, bool SignedCorrectly, int? StatusCode, string? Error);

using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Sandbox.State;

namespace Fastn.Sandbox.Vendors.Salesforce;

/// <summary>
/// The simulated org: its records (by id, as JSON objects keyed by field API name), OAuth grants, query locators and the
/// daily API request counter. Thread-safe: one lock over the records, concurrent maps for the rest. Codes, sessions
/// and refresh tokens are saved through <see cref="SandboxStateStore"/> so connections survive a restart.
/// </summary>
internal sealed class SalesforceOrg
{
    public const string OrgId = "00D5g000004FASTN";
    public const string UserId = "0055g00000AdminU";
    public const string UserName = "admin@fastn-sandbox.example";
    public const int DailyApiRequests = 15000;
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(2);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, JsonObject> _records = new(StringComparer.Ordinal);
    private readonly List<(SalesforceObjectInfo Type, string Id, DateTimeOffset At)> _deleted = [];
    private readonly ConcurrentDictionary<string, PendingConsent> _consents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IssuedCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IReadOnlyList<JsonObject>> _locators = new(StringComparer.Ordinal);
    private readonly Lock _saveLock = new();
    private readonly SandboxStateStore? _state;
    private long _sequence = 1000;
    private int _apiRequests;

    public SalesforceOrg(TimeProvider time, SandboxStateStore? state = null)
    {
        Time = time;
        _state = state;
        SalesforceSeeder.Seed(this);
        if (state?.Load<SavedGrants>(SalesforceSandboxApp.AppName) is { } saved)
        {
            foreach (var (code, issued) in saved.Codes ?? new())
            {
                _codes[code] = issued;
            }

            foreach (var (token, session) in saved.Sessions ?? new())
            {
                _sessions[token] = session;
            }

            foreach (var (token, scope) in saved.RefreshTokens ?? new())
            {
                _refreshTokens[token] = scope;
            }
        }
    }

    public TimeProvider Time { get; }

    /// <summary>API requests made today (the <c>Sforce-Limit-Info</c> api-usage).</summary>
    public int ApiRequests => Volatile.Read(ref _apiRequests);

    /// <summary>Counts one API request; false when the daily limit was already used up.</summary>
    public bool CountApiRequest() => Interlocked.Increment(ref _apiRequests) <= DailyApiRequests;

    /// <summary>Sets today's usage (the test hook for REQUEST_LIMIT_EXCEEDED).</summary>
    public void SetApiRequests(int used) => Volatile.Write(ref _apiRequests, used);

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    public string NewId(SalesforceObjectInfo type) => SalesforceIds.Create(type.KeyPrefix, Interlocked.Increment(ref _sequence));

    /// <summary>Stores a new record, stamping Id, owner and the audit dates.</summary>
    public JsonObject Insert(SalesforceObjectInfo type, JsonObject fields, DateTimeOffset? at = null)
    {
        var stamp = Timestamp(at ?? Time.GetUtcNow());
        var id = NewId(type);
        var record = new JsonObject { ["Id"] = id };
        foreach (var (key, value) in fields)
        {
            record[key] = value?.DeepClone();
        }

        record["OwnerId"] ??= UserId;
        record["CreatedDate"] = stamp;
        record["LastModifiedDate"] = stamp;
        record["SystemModstamp"] = stamp;
        record["IsDeleted"] = false;
        Derive(type, record);
        lock (_lock)
        {
            _records[id] = record;
        }

        return (JsonObject)record.DeepClone();
    }

    /// <summary>Changes fields of a record; false when there is none.</summary>
    public bool Update(SalesforceObjectInfo type, string id, JsonObject fields)
    {
        lock (_lock)
        {
            if (!_records.TryGetValue(id, out var record) || SalesforceSchema.ForId(id) != type)
            {
                return false;
            }

            foreach (var (key, value) in fields)
            {
                record[type.Field(key)!.Name] = value?.DeepClone();
            }

            var stamp = Timestamp(Time.GetUtcNow());
            record["LastModifiedDate"] = stamp;
            record["SystemModstamp"] = stamp;
            Derive(type, record);
            return true;
        }
    }

    /// <summary>Deletes a record, remembering it in the deleted-records feed; false when there is none.</summary>
    public bool Delete(SalesforceObjectInfo type, string id)
    {
        lock (_lock)
        {
            if (!_records.TryGetValue(id, out _) || SalesforceSchema.ForId(id) != type)
            {
                return false;
            }

            _records.Remove(id);
            _deleted.Add((type, id, Time.GetUtcNow()));
            return true;
        }
    }

    /// <summary>The records of <paramref name="type"/> deleted within [<paramref name="start"/>, <paramref name="end"/>].</summary>
    public List<(string Id, DateTimeOffset DeletedAt)> Deleted(SalesforceObjectInfo type, DateTimeOffset start, DateTimeOffset end)
    {
        lock (_lock)
        {
            return [.. _deleted.Where(d => d.Type == type && d.At >= start && d.At <= end).Select(d => (d.Id, d.At))];
        }
    }

    public JsonObject? Find(string id)
    {
        lock (_lock)
        {
            return _records.TryGetValue(SalesforceIds.Normalize(id), out var record) ? (JsonObject)record.DeepClone() : null;
        }
    }

    /// <summary>A snapshot of every record of <paramref name="type"/>.</summary>
    public List<JsonObject> All(SalesforceObjectInfo type)
    {
        lock (_lock)
        {
            return [.. _records.Values.Where(r => SalesforceSchema.ForId(r["Id"]!.GetValue<string>()) == type).Select(r => (JsonObject)r.DeepClone())];
        }
    }

    /// <summary>Stores the rest of a query result; returns its locator id (01g…).</summary>
    public string SaveLocator(IReadOnlyList<JsonObject> records)
    {
        var id = SalesforceIds.To18("01g5g" + Convert.ToHexString(RandomNumberGenerator.GetBytes(5)));
        _locators[id] = records;
        return id;
    }

    public IReadOnlyList<JsonObject>? Locator(string id) => _locators.TryGetValue(id, out var records) ? records : null;

    // ---- OAuth ----

    public PendingConsent StartConsent(string redirectUri, string scope, string? state, string? challenge, string? challengeMethod)
    {
        var consent = new PendingConsent(Token(12), redirectUri, scope, state, challenge, challengeMethod);
        _consents[consent.Id] = consent;
        return consent;
    }

    public PendingConsent? TakeConsent(string id) => _consents.TryRemove(id, out var consent) ? consent : null;

    public string IssueCode(PendingConsent consent)
    {
        var code = "aPr" + Token(24);
        _codes[code] = new IssuedCode(consent, Time.GetUtcNow().AddMinutes(15));
        Save();
        return code;
    }

    /// <summary>Redeems an authorization code (once), checking the redirect URI and the PKCE verifier.</summary>
    public (string Access, string Refresh, string Scope)? Redeem(string code, string redirectUri, string? verifier)
    {
        if (!_codes.TryRemove(code, out var issued) || issued.ExpiresAt <= Time.GetUtcNow() || issued.Consent.RedirectUri != redirectUri)
        {
            Save();
            return null;
        }

        if (issued.Consent.Challenge is { } challenge)
        {
            var expected = issued.Consent.ChallengeMethod == "plain" ? verifier
                : verifier is null ? null : Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (expected != challenge)
            {
                Save();
                return null;
            }
        }

        var refresh = "5Aep861" + Token(48);
        _refreshTokens[refresh] = issued.Consent.Scope;
        return (NewSession(issued.Consent.Scope), refresh, issued.Consent.Scope);
    }

    /// <summary>A new access token for a refresh token (refresh tokens do not rotate).</summary>
    public (string Access, string Scope)? Refresh(string refreshToken) =>
        _refreshTokens.TryGetValue(refreshToken, out var scope) ? (NewSession(scope), scope) : null;

    public void Revoke(string token)
    {
        _refreshTokens.TryRemove(token, out _);
        _sessions.TryRemove(token, out _);
        Save();
    }

    /// <summary>Whether <paramref name="accessToken"/> is a live session.</summary>
    public bool IsValidSession(string accessToken) => _sessions.TryGetValue(accessToken, out var session) && session.ExpiresAt > Time.GetUtcNow();

    /// <summary>Ends every session (the test hook for INVALID_SESSION_ID and refresh).</summary>
    public void ExpireSessions()
    {
        foreach (var key in _sessions.Keys)
        {
            _sessions.TryRemove(key, out _);
        }

        Save();
    }

    private string NewSession(string scope)
    {
        var token = OrgId + "!" + Token(40);
        _sessions[token] = new Session(scope, Time.GetUtcNow() + SessionLifetime);
        Save();
        return token;
    }

    private void Save()
    {
        if (_state is not { IsPersistent: true })
        {
            return;
        }

        // Snapshots are taken and written one at a time, so an older one never overwrites a newer one.
        lock (_saveLock)
        {
            var now = Time.GetUtcNow();
            _state.Save(SalesforceSandboxApp.AppName, new SavedGrants(
                _codes.Where(c => c.Value.ExpiresAt > now).ToDictionary(StringComparer.Ordinal),
                _sessions.Where(s => s.Value.ExpiresAt > now).ToDictionary(StringComparer.Ordinal),
                _refreshTokens.ToDictionary(StringComparer.Ordinal)));
        }
    }

    private static void Derive(SalesforceObjectInfo type, JsonObject record)
    {
        if (type == SalesforceSchema.Contact || type == SalesforceSchema.Lead)
        {
            var first = record["FirstName"]?.GetValue<string>();
            var last = record["LastName"]?.GetValue<string>();
            record["Name"] = string.Join(' ', new[] { first, last }.Where(s => !string.IsNullOrEmpty(s)));
        }

        if (type == SalesforceSchema.Opportunity)
        {
            var stage = record["StageName"]?.GetValue<string>();
            record["IsClosed"] = stage is "Closed Won" or "Closed Lost";
            record["IsWon"] = stage == "Closed Won";
            if (record["Probability"] is null && stage is not null)
            {
                var index = SalesforceSchema.Stages.ToList().IndexOf(stage);
                record["Probability"] = stage == "Closed Won" ? 100 : stage == "Closed Lost" || index < 0 ? 0 : (index + 1) * 10;
            }
        }
    }

    private static string Token(int bytes) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal sealed record PendingConsent(string Id, string RedirectUri, string Scope, string? State, string? Challenge, string? ChallengeMethod);

    internal sealed record IssuedCode(PendingConsent Consent, DateTimeOffset ExpiresAt);

    internal sealed record Session(string Scope, DateTimeOffset ExpiresAt);

    internal sealed record SavedGrants(
        Dictionary<string, IssuedCode>? Codes, Dictionary<string, Session>? Sessions, Dictionary<string, string>? RefreshTokens);
}

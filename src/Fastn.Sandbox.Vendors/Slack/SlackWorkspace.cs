using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Bogus;
using Fastn.Sandbox.State;

namespace Fastn.Sandbox.Vendors.Slack;

/// <summary>
/// The simulated Slack workspace: members, channels and messages generated with a fixed seed, issued tokens, pending consents,
/// per-method rate limits and the Events API request URL. In memory, except codes and tokens, which are also saved through
/// <see cref="SandboxStateStore"/> so connections survive a restart; every member is guarded by one lock.
/// </summary>
public sealed class SlackWorkspace
{
    /// <summary>The workspace (team) id.</summary>
    public const string TeamId = "T0SANDBOX1";

    /// <summary>The workspace name.</summary>
    public const string TeamName = "Fastn Sandbox";

    /// <summary>The workspace URL as auth.test reports it.</summary>
    public const string TeamUrl = "https://fastn-sandbox.slack.com/";

    /// <summary>The app id of the installed app.</summary>
    public const string AppId = "A0SANDBOXAPP";

    /// <summary>The app's bot user id.</summary>
    public const string BotUserId = "U0SANDBOTUSR";

    /// <summary>The app's bot id.</summary>
    public const string BotId = "B0SANDBOTID1";

    /// <summary>How long a rotating access token lives (Slack: 12 hours).</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly List<SimUser> _users = [];
    private readonly List<SimChannel> _channels = [];
    private readonly Dictionary<string, SimToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimToken> _refreshTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimAuthorization> _authorizations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _forcedRateLimits = new(StringComparer.Ordinal);
    private readonly SandboxStateStore? _state;
    private long _lastTsMicros;
    private int _nextId = 1000;

    /// <summary>Creates the workspace with its generated members, channels and history, and the codes and tokens saved in <paramref name="state"/>.</summary>
    public SlackWorkspace(TimeProvider time, SandboxStateStore? state = null)
    {
        _time = time;
        _state = state;
        Seed();
        if (state?.Load<SavedTokens>(SlackSandboxApp.AppName) is { } saved)
        {
            foreach (var code in saved.Codes ?? [])
            {
                _codes[code.Code] = code;
            }

            foreach (var token in saved.Tokens ?? [])
            {
                var restored = new SimToken
                {
                    AccessToken = token.AccessToken,
                    RefreshToken = token.RefreshToken,
                    Scopes = token.Scopes.ToHashSet(StringComparer.Ordinal),
                    ExpiresAt = token.ExpiresAt,
                    Revoked = token.Revoked,
                };
                _tokens[restored.AccessToken] = restored;
                if (token.Refreshable)
                {
                    _refreshTokens[restored.RefreshToken] = restored;
                }
            }
        }
    }

    /// <summary>The Events API request URL, once it passed the url_verification handshake.</summary>
    public string? RequestUrl
    {
        get { lock (_lock) { return field; } }
        set { lock (_lock) { field = value; } }
    }

    /// <summary>The clock.</summary>
    internal TimeProvider Time => _time;

    internal T Read<T>(Func<SlackWorkspace, T> read)
    {
        lock (_lock)
        {
            return read(this);
        }
    }

    internal IReadOnlyList<SimUser> Users => _users;

    internal IReadOnlyList<SimChannel> Channels => _channels;

    internal SimUser? FindUser(string id) => _users.FirstOrDefault(u => u.Id == id);

    internal SimChannel? FindChannel(string idOrName)
    {
        var name = idOrName.TrimStart('#');
        return _channels.FirstOrDefault(c => c.Id == idOrName) ?? _channels.FirstOrDefault(c => c.Name == name);
    }

    /// <summary>A new message ts, strictly increasing: <c>{unix seconds}.{microseconds}</c>.</summary>
    internal string NextTs()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        _lastTsMicros = Math.Max(now, _lastTsMicros + 1);
        return Ts(_lastTsMicros);
    }

    internal string NewId(char prefix)
    {
        _nextId++;
        return $"{prefix}0{_nextId.ToString("X", CultureInfo.InvariantCulture).PadLeft(8, '0')}";
    }

    internal SimChannel CreateChannel(string name, bool isPrivate, string creator)
    {
        var channel = new SimChannel
        {
            Id = NewId(isPrivate ? 'G' : 'C'),
            Name = name,
            IsPrivate = isPrivate,
            Creator = creator,
            Created = _time.GetUtcNow().ToUnixTimeSeconds(),
        };
        channel.Members.Add(creator);
        channel.Messages.Add(new SimMessage { Ts = NextTs(), Subtype = "channel_join", User = creator, Text = $"<@{creator}> has joined the channel" });
        _channels.Add(channel);
        return channel;
    }

    // ---- OAuth ----

    internal SimAuthorization BeginAuthorization(string clientId, string redirectUri, IReadOnlyList<string> scopes, string? state)
    {
        lock (_lock)
        {
            var request = new SimAuthorization(Random("req"), clientId, redirectUri, scopes, state, _time.GetUtcNow().AddMinutes(10));
            _authorizations[request.Id] = request;
            return request;
        }
    }

    internal SimAuthorization? TakeAuthorization(string id)
    {
        lock (_lock)
        {
            return _authorizations.Remove(id, out var request) && request.ExpiresAt > _time.GetUtcNow() ? request : null;
        }
    }

    internal string IssueCode(SimAuthorization request)
    {
        lock (_lock)
        {
            var code = $"{TeamId[1..]}.{Random("")}";
            _codes[code] = new SimCode(code, request.RedirectUri, request.Scopes, _time.GetUtcNow().AddMinutes(10));
            SaveLocked();
            return code;
        }
    }

    internal SimToken? RedeemCode(string code, string redirectUri, out string? error)
    {
        lock (_lock)
        {
            if (!_codes.Remove(code, out var issued) || issued.ExpiresAt <= _time.GetUtcNow())
            {
                SaveLocked();
                error = "invalid_code";
                return null;
            }

            if (issued.RedirectUri != redirectUri)
            {
                SaveLocked();
                error = "bad_redirect_uri";
                return null;
            }

            error = null;
            return Issue(issued.Scopes.ToHashSet(StringComparer.Ordinal));
        }
    }

    internal SimToken? Refresh(string refreshToken)
    {
        lock (_lock)
        {
            if (!_refreshTokens.Remove(refreshToken, out var old))
            {
                return null;
            }

            old.Revoked = true;
            return Issue(old.Scopes);
        }
    }

    /// <summary>Checks a bot token: null when usable, else Slack's error code.</summary>
    internal string? Authenticate(string? token, out SimToken? found)
    {
        lock (_lock)
        {
            found = null;
            if (string.IsNullOrEmpty(token))
            {
                return "not_authed";
            }

            if (!_tokens.TryGetValue(token, out var issued))
            {
                return "invalid_auth";
            }

            found = issued;
            return issued.Revoked ? "token_revoked" : issued.ExpiresAt <= _time.GetUtcNow() ? "token_expired" : null;
        }
    }

    /// <summary>Makes every issued access token expire now (tests of the token_expired → refresh path).</summary>
    public int ExpireAllTokens()
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            foreach (var token in _tokens.Values)
            {
                token.ExpiresAt = now;
            }

            SaveLocked();
            return _tokens.Count;
        }
    }

    /// <summary>Issues a token directly, without the consent flow (for tests that need one).</summary>
    public string IssueToken(params string[] scopes)
    {
        lock (_lock)
        {
            return Issue(scopes.ToHashSet(StringComparer.Ordinal)).AccessToken;
        }
    }

    // ---- Rate limits ----

    /// <summary>Makes the next <paramref name="count"/> calls of <paramref name="method"/> answer HTTP 429 <c>ratelimited</c>.</summary>
    public void ForceRateLimit(string method, int count)
    {
        lock (_lock)
        {
            _forcedRateLimits[method] = count;
        }
    }

    /// <summary>Counts a call; returns the Retry-After seconds when the method's per-minute tier limit is exceeded.</summary>
    internal int? CountCall(string token, string method, int perMinute)
    {
        lock (_lock)
        {
            if (_forcedRateLimits.TryGetValue(method, out var forced) && forced > 0)
            {
                _forcedRateLimits[method] = forced - 1;
                return 30;
            }

            var now = _time.GetUtcNow();
            var key = token + "|" + method;
            if (!_calls.TryGetValue(key, out var calls))
            {
                _calls[key] = calls = new Queue<DateTimeOffset>();
            }

            while (calls.Count > 0 && now - calls.Peek() >= TimeSpan.FromMinutes(1))
            {
                calls.Dequeue();
            }

            if (calls.Count >= perMinute)
            {
                return Math.Max(1, (int)Math.Ceiling((calls.Peek().AddMinutes(1) - now).TotalSeconds));
            }

            calls.Enqueue(now);
            return null;
        }
    }

    internal static string Ts(long micros) =>
        $"{(micros / 1_000_000).ToString(CultureInfo.InvariantCulture)}.{(micros % 1_000_000).ToString("D6", CultureInfo.InvariantCulture)}";

    private SimToken Issue(IReadOnlySet<string> scopes)
    {
        var token = new SimToken
        {
            AccessToken = $"xoxb-{Digits(13)}-{Digits(13)}-{Random("")[..24]}",
            RefreshToken = $"xoxe-1-{Random("")}",
            Scopes = scopes,
            ExpiresAt = _time.GetUtcNow() + TokenLifetime,
        };
        _tokens[token.AccessToken] = token;
        _refreshTokens[token.RefreshToken] = token;
        SaveLocked();
        return token;
    }

    private void SaveLocked()
    {
        if (_state is not { IsPersistent: true })
        {
            return;
        }

        // A token that expired and can no longer be refreshed is useless after a restart.
        var now = _time.GetUtcNow();
        _state.Save(SlackSandboxApp.AppName, new SavedTokens(
            [.. _codes.Values.Where(c => c.ExpiresAt > now)],
            [.. _tokens.Values
                .Select(t => (Token: t, Refreshable: _refreshTokens.ContainsKey(t.RefreshToken)))
                .Where(t => t.Refreshable || t.Token.ExpiresAt > now)
                .Select(t => new SavedToken(t.Token.AccessToken, t.Token.RefreshToken, [.. t.Token.Scopes], t.Token.ExpiresAt, t.Token.Revoked, t.Refreshable))]));
    }

    private sealed record SavedTokens(IReadOnlyList<SimCode>? Codes, IReadOnlyList<SavedToken>? Tokens);

    private sealed record SavedToken(string AccessToken, string RefreshToken, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt, bool Revoked, bool Refreshable);

    private static string Random(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string Digits(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + RandomNumberGenerator.GetInt32(10))));

    private void Seed()
    {
        var faker = new Faker("en") { Random = new Randomizer(20240611) };
        var start = _time.GetUtcNow().AddDays(-30);
        var domain = "fastn-sandbox.example";
        var zones = new (string Tz, string Label, int Offset)[]
        {
            ("Europe/London", "Greenwich Mean Time", 0),
            ("America/New_York", "Eastern Standard Time", -18000),
            ("America/Los_Angeles", "Pacific Standard Time", -28800),
            ("Europe/Berlin", "Central European Time", 3600),
            ("Asia/Kolkata", "India Standard Time", 19800),
        };
        for (var i = 0; i < 24; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var zone = faker.PickRandom(zones);
            _users.Add(new SimUser
            {
                Id = NewId('U'),
                Name = $"{first}.{last}".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal),
                RealName = $"{first} {last}",
                FirstName = first,
                LastName = last,
                Email = $"{first}.{last}@{domain}".ToLowerInvariant().Replace("'", "", StringComparison.Ordinal),
                Title = faker.Name.JobTitle(),
                Phone = faker.Phone.PhoneNumber("+1 ###-###-####"),
                Tz = zone.Tz,
                TzLabel = zone.Label,
                TzOffset = zone.Offset,
                IsAdmin = i < 2,
                IsOwner = i == 0,
                Deleted = i == 23,
                Updated = start.AddHours(faker.Random.Int(0, 700)).ToUnixTimeSeconds(),
                Color = faker.Random.Hexadecimal(6, "").ToLowerInvariant(),
                AvatarHash = faker.Random.AlphaNumeric(12),
            });
        }

        _users.Add(new SimUser
        {
            Id = BotUserId,
            Name = "fastn",
            RealName = "Fastn",
            IsBot = true,
            BotId = BotId,
            Updated = start.ToUnixTimeSeconds(),
            AvatarHash = "g0sandboxbot",
        });

        var owner = _users[0].Id;
        var specs = new (string Name, bool Private, bool General, bool BotMember, string Purpose)[]
        {
            ("general", false, true, true, "This is the one channel that will always include everyone."),
            ("random", false, false, true, "A place for non-work banter, links, articles of interest, humor or anything else."),
            ("engineering", false, false, true, "Builds, deploys and code reviews."),
            ("sales", false, false, false, "Deals, leads and customer calls."),
            ("support", false, false, true, "Customer tickets that need a second pair of eyes."),
            ("leadership", true, false, false, "Private: planning and hiring."),
        };
        _lastTsMicros = start.ToUnixTimeMilliseconds() * 1000;
        foreach (var spec in specs)
        {
            var channel = new SimChannel
            {
                Id = NewId(spec.Private ? 'G' : 'C'),
                Name = spec.Name,
                IsPrivate = spec.Private,
                IsGeneral = spec.General,
                Creator = owner,
                Created = start.ToUnixTimeSeconds(),
                Purpose = spec.Purpose,
            };
            foreach (var user in _users.Where(u => !u.IsBot && !u.Deleted && (spec.General || faker.Random.Bool(0.6f))))
            {
                channel.Members.Add(user.Id);
            }

            if (spec.BotMember)
            {
                channel.Members.Add(BotUserId);
            }

            var members = channel.Members.Where(m => m != BotUserId).ToList();
            for (var m = 0; m < 30; m++)
            {
                _lastTsMicros += faker.Random.Long(60_000_000, 3_600_000_000);
                channel.Messages.Add(new SimMessage { Ts = Ts(_lastTsMicros), User = faker.PickRandom(members), Text = faker.Hacker.Phrase() });
            }

            _channels.Add(channel);
        }
    }

    internal JsonObject AuthTest() => new()
    {
        ["ok"] = true,
        ["url"] = TeamUrl,
        ["team"] = TeamName,
        ["user"] = "fastn",
        ["team_id"] = TeamId,
        ["user_id"] = BotUserId,
        ["bot_id"] = BotId,
        ["is_enterprise_install"] = false,
    };
}

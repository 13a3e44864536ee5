using System.Security.Cryptography;
using Bogus;
using Fastn.Sandbox.State;

namespace Fastn.Sandbox.Vendors.GitHub;

/// <summary>
/// The in-memory GitHub: users, repositories, issues, pull requests, comments, webhooks, OAuth grants and tokens,
/// and per-token rate-limit counters. Seeded with Bogus from a fixed seed so every start looks the same; codes and tokens
/// are also saved through <see cref="SandboxStateStore"/> so connections survive a restart. One lock guards it all (it is
/// a sandbox, not a database).
/// </summary>
public sealed class GitHubSimulation
{
    /// <summary>The OAuth client id the simulation accepts (the default workspace's GitHub OAuth app).</summary>
    public const string ClientId = "Ov23liFastnSandbox01";

    /// <summary>The OAuth client secret the simulation accepts.</summary>
    public const string ClientSecret = "github-sandbox-client-secret";

    /// <summary>A personal access token the simulation always accepts, acting as <see cref="ViewerLogin"/>.</summary>
    public const string PersonalAccessToken = "ghp_sandboxFastnPersonalAccessToken0001";

    /// <summary>The login of the signed-in sandbox user.</summary>
    public const string ViewerLogin = "octo-fastn";

    /// <summary>Requests per token per hour (GitHub's core limit for users).</summary>
    public const int CoreLimit = 5000;

    /// <summary>Search requests per token per minute.</summary>
    public const int SearchLimit = 30;

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly List<SimUser> _users = [];
    private readonly List<SimRepo> _repos = [];
    private readonly List<SimIssue> _issues = [];
    private readonly List<SimComment> _comments = [];
    private readonly List<SimHook> _hooks = [];
    private readonly Dictionary<string, SimAuthorization> _authorizations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Reset, int Used)> _usage = new(StringComparer.Ordinal);
    private readonly SandboxStateStore? _state;
    private long _nextId = 1_000_000;

    /// <summary>Creates the simulation with its seeded data and the codes and tokens saved in <paramref name="state"/>.</summary>
    public GitHubSimulation(TimeProvider time, SandboxStateStore? state = null)
    {
        _time = time;
        _state = state;
        Seed();
        if (state?.Load<SavedTokens>(GitHubSandboxApp.AppName) is { } saved)
        {
            foreach (var (code, grant) in saved.Codes ?? new())
            {
                _codes[code] = grant;
            }

            foreach (var token in saved.Tokens ?? [])
            {
                _tokens[token.Token] = token;
            }
        }
    }

    internal TimeProvider Time => _time;

    internal Lock Sync => _lock;

    internal SimUser Viewer => _users[0];

    internal IReadOnlyList<SimRepo> Repos => _repos;

    internal IReadOnlyList<SimIssue> Issues => _issues;

    internal List<SimHook> Hooks => _hooks;

    internal long NextId() => Interlocked.Increment(ref _nextId);

    internal SimUser? User(long id) => _users.FirstOrDefault(u => u.Id == id);

    internal SimUser? User(string login) => _users.FirstOrDefault(u => string.Equals(u.Login, login, StringComparison.OrdinalIgnoreCase));

    internal SimRepo? Repo(string owner, string name) =>
        _repos.FirstOrDefault(r => string.Equals(r.Owner.Login, owner, StringComparison.OrdinalIgnoreCase) && string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    internal SimIssue? Issue(SimRepo repo, int number) => _issues.FirstOrDefault(i => i.Repo == repo && i.Number == number);

    internal int OpenIssues(SimRepo repo) => _issues.Count(i => i.Repo == repo && i.State == "open");

    internal SimComment AddComment(SimIssue issue, SimUser user, string body)
    {
        var now = _time.GetUtcNow();
        var comment = new SimComment { Id = NextId(), Issue = issue, Body = body, User = user, CreatedAt = now, UpdatedAt = now };
        _comments.Add(comment);
        issue.Comments++;
        issue.UpdatedAt = now;
        return comment;
    }

    internal SimIssue AddIssue(SimRepo repo, SimUser user, string title, string? body)
    {
        var now = _time.GetUtcNow();
        var issue = new SimIssue { Id = NextId(), Repo = repo, Number = repo.NextNumber++, Title = title, Body = body, User = user, CreatedAt = now, UpdatedAt = now };
        _issues.Add(issue);
        return issue;
    }

    internal SimLabel LabelFor(SimRepo repo, string name)
    {
        var label = repo.Labels.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
        if (label is null)
        {
            // GitHub creates unknown labels on the fly with a default grey colour.
            label = new SimLabel { Id = NextId(), Name = name, Color = "ededed" };
            repo.Labels.Add(label);
        }

        return label;
    }

    // ---- OAuth ----

    internal SimAuthorization StartAuthorization(string clientId, string redirectUri, string scope, string? state, string? challenge)
    {
        var request = new SimAuthorization(RandomToken(16), clientId, redirectUri, scope, state, challenge);
        lock (_lock)
        {
            _authorizations[request.Id] = request;
        }

        return request;
    }

    internal SimAuthorization? TakeAuthorization(string id)
    {
        lock (_lock)
        {
            return _authorizations.Remove(id, out var request) ? request : null;
        }
    }

    internal string IssueCode(SimAuthorization request)
    {
        var code = RandomToken(10);
        lock (_lock)
        {
            _codes[code] = new SimCode(request, Viewer.Id, _time.GetUtcNow().AddMinutes(10));
            SaveLocked();
        }

        return code;
    }

    internal SimCode? RedeemCode(string code)
    {
        lock (_lock)
        {
            var found = _codes.Remove(code, out var grant);
            SaveLocked();
            return found && grant!.ExpiresAt > _time.GetUtcNow() ? grant : null;
        }
    }

    internal SimToken IssueToken(long userId, string scope)
    {
        var token = new SimToken("gho_" + RandomToken(18), userId, scope);
        lock (_lock)
        {
            _tokens[token.Token] = token;
            SaveLocked();
        }

        return token;
    }

    /// <summary>Resolves a bearer token (an issued OAuth token or <see cref="PersonalAccessToken"/>).</summary>
    internal SimToken? FindToken(string token)
    {
        if (token == PersonalAccessToken)
        {
            return new SimToken(token, Viewer.Id, "repo, read:user, user:email, admin:repo_hook");
        }

        lock (_lock)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }

    /// <summary>Counts one request against the token's bucket (core per hour, search per minute).</summary>
    internal (int Limit, int Remaining, int Used, DateTimeOffset Reset, bool Exceeded) Spend(string token, string resource)
    {
        var now = _time.GetUtcNow();
        var limit = resource == "search" ? SearchLimit : CoreLimit;
        var window = resource == "search" ? TimeSpan.FromMinutes(1) : TimeSpan.FromHours(1);
        lock (_lock)
        {
            var key = resource + ":" + token;
            var (reset, used) = _usage.TryGetValue(key, out var u) && u.Reset > now ? u : (now + window, 0);
            var exceeded = used >= limit;
            if (!exceeded)
            {
                used++;
            }

            _usage[key] = (reset, used);
            return (limit, limit - used, used, reset, exceeded);
        }
    }

    /// <summary>Uses up a token's remaining requests of a resource, so the next one is refused (to try rate-limit handling).</summary>
    public void ExhaustRateLimit(string token, string resource = "core")
    {
        ArgumentNullException.ThrowIfNull(token);
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            var reset = resource == "search" ? now.AddMinutes(1) : now.AddHours(1);
            _usage[resource + ":" + token] = (reset, resource == "search" ? SearchLimit : CoreLimit);
        }
    }

    private void SaveLocked()
    {
        if (_state is not { IsPersistent: true })
        {
            return;
        }

        var now = _time.GetUtcNow();
        _state.Save(GitHubSandboxApp.AppName, new SavedTokens(
            _codes.Where(c => c.Value.ExpiresAt > now).ToDictionary(StringComparer.Ordinal), [.. _tokens.Values]));
    }

    private sealed record SavedTokens(Dictionary<string, SimCode>? Codes, IReadOnlyList<SimToken>? Tokens);

    private static string RandomToken(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private void Seed()
    {
        var faker = new Faker("en") { Random = new Randomizer(20221128) };
        var epoch = new DateTimeOffset(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);
        DateTimeOffset Between(DateTimeOffset from, DateTimeOffset to) =>
            from.AddSeconds(faker.Random.Long(0, (long)(to - from).TotalSeconds));

        var viewer = new SimUser
        {
            Id = 583231,
            Login = ViewerLogin,
            Name = "Octo Fastn",
            Email = "octo@fastn.example",
            Company = "@fastn-sandbox",
            Location = "San Francisco",
            Bio = "Sandbox account of the Fastn GitHub simulation.",
            Blog = "https://fastn.example",
            CreatedAt = epoch.AddYears(-3),
            UpdatedAt = epoch.AddMonths(6),
        };
        _users.Add(viewer);
        for (var n = 0; n < 5; n++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var created = Between(epoch.AddYears(-6), epoch);
            _users.Add(new SimUser
            {
                Id = 1_000 + faker.Random.Int(1, 900_000),
                Login = faker.Internet.UserName(first, last).ToLowerInvariant().Replace('.', '-').Replace('_', '-'),
                Name = $"{first} {last}",
                Email = n % 2 == 0 ? faker.Internet.Email(first, last).ToLowerInvariant() : null,
                Company = faker.Company.CompanyName(),
                Location = faker.Address.City(),
                Bio = faker.Hacker.Phrase(),
                CreatedAt = created,
                UpdatedAt = Between(created, epoch.AddMonths(6)),
            });
        }

        var labels = new (string Name, string Color, string Description)[]
        {
            ("bug", "d73a4a", "Something isn't working"),
            ("documentation", "0075ca", "Improvements or additions to documentation"),
            ("enhancement", "a2eeef", "New feature or request"),
            ("good first issue", "7057ff", "Good for newcomers"),
            ("help wanted", "008672", "Extra attention is needed"),
            ("question", "d876e3", "Further information is requested"),
        };
        var specs = new (string Name, string Description, string Language, bool Private, int Issues, int Pulls)[]
        {
            ("hello-world", "My first repository on GitHub!", "C#", false, 24, 4),
            ("sandbox-api", "Internal API used by the sandbox demos.", "TypeScript", true, 9, 2),
            ("dotfiles", "Shell and editor configuration.", "Shell", false, 3, 0),
        };
        foreach (var spec in specs)
        {
            var created = Between(epoch.AddYears(-2), epoch);
            var repo = new SimRepo
            {
                Id = 100_000_000 + faker.Random.Int(1, 99_999_999),
                Owner = viewer,
                Name = spec.Name,
                Description = spec.Description,
                Language = spec.Language,
                Private = spec.Private,
                Topics = [.. faker.Random.ListItems(new[] { "api", "automation", "sandbox", "integration", "dotnet", "cli" }, 2)],
                Stars = faker.Random.Int(0, 400),
                Forks = faker.Random.Int(0, 40),
                CreatedAt = created,
                UpdatedAt = Between(created, epoch.AddMonths(6)),
                PushedAt = Between(created, epoch.AddMonths(6)),
            };
            foreach (var (name, color, description) in labels)
            {
                repo.Labels.Add(new SimLabel { Id = NextId(), Name = name, Color = color, Description = description, Default = true });
            }

            repo.Collaborators.AddRange(_users.Skip(1).Take(3));
            _repos.Add(repo);
            var people = new List<SimUser> { viewer };
            people.AddRange(repo.Collaborators);
            for (var n = 0; n < spec.Issues + spec.Pulls; n++)
            {
                var isPull = n % 7 == 3 && _issues.Count(i => i.Repo == repo && i.Pull is not null) < spec.Pulls;
                var opened = Between(repo.CreatedAt, epoch.AddMonths(6));
                var closed = faker.Random.Bool(0.3f);
                var issue = new SimIssue
                {
                    Id = NextId(),
                    Repo = repo,
                    Number = repo.NextNumber++,
                    Title = isPull ? $"Fix {faker.Hacker.Noun()} in the {faker.Hacker.Abbreviation()} handler" : faker.Lorem.Sentence(5).TrimEnd('.'),
                    Body = faker.Lorem.Paragraphs(2),
                    User = faker.PickRandom(people),
                    Labels = [.. faker.Random.ListItems(repo.Labels, faker.Random.Int(0, 2))],
                    Assignees = faker.Random.Bool(0.5f) ? [faker.PickRandom(people)] : [],
                    CreatedAt = opened,
                    UpdatedAt = opened.AddHours(faker.Random.Int(1, 400)),
                    State = closed ? "closed" : "open",
                    StateReason = closed && !isPull ? "completed" : null,
                    Pull = isPull
                        ? new SimPull
                        {
                            Id = NextId(),
                            HeadRef = faker.Hacker.Noun().Replace(' ', '-') + "-" + faker.Random.Int(10, 99),
                            HeadSha = faker.Random.Hexadecimal(40, ""),
                            BaseSha = faker.Random.Hexadecimal(40, ""),
                            Draft = faker.Random.Bool(0.2f),
                        }
                        : null,
                };
                if (closed)
                {
                    issue.ClosedAt = issue.UpdatedAt;
                    if (issue.Pull is { } pull)
                    {
                        pull.MergedAt = issue.UpdatedAt;
                        pull.MergeCommitSha = faker.Random.Hexadecimal(40, "");
                    }
                }

                _issues.Add(issue);
                var comments = faker.Random.Int(0, 3);
                for (var c = 0; c < comments; c++)
                {
                    var at = issue.CreatedAt.AddMinutes(faker.Random.Int(5, 3000));
                    _comments.Add(new SimComment { Id = NextId(), Issue = issue, Body = faker.Lorem.Sentence(12), User = faker.PickRandom(people), CreatedAt = at, UpdatedAt = at });
                    issue.Comments++;
                }
            }
        }
    }
}

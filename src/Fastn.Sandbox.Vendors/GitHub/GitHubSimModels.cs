namespace Fastn.Sandbox.Vendors.GitHub;

// The simulation's records. Mutable, and only touched under GitHubSimulation's lock.

internal sealed class SimUser
{
    public required long Id { get; init; }
    public required string Login { get; init; }
    public string Type { get; init; } = "User";
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Company { get; set; }
    public string? Location { get; set; }
    public string? Bio { get; set; }
    public string Blog { get; set; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SimLabel
{
    public required long Id { get; init; }
    public required string Name { get; init; }
    public required string Color { get; init; }
    public string? Description { get; init; }
    public bool Default { get; init; }
}

internal sealed class SimRepo
{
    public required long Id { get; init; }
    public required SimUser Owner { get; init; }
    public required string Name { get; init; }
    public string FullName => Owner.Login + "/" + Name;
    public string? Description { get; set; }
    public bool Private { get; init; }
    public string? Language { get; init; }
    public string DefaultBranch { get; init; } = "main";
    public List<string> Topics { get; init; } = [];
    public int Stars { get; init; }
    public int Forks { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset PushedAt { get; set; }
    public int NextNumber { get; set; } = 1;
    public List<SimLabel> Labels { get; } = [];
    public List<SimUser> Collaborators { get; } = [];
}

internal sealed class SimIssue
{
    public required long Id { get; init; }
    public required SimRepo Repo { get; init; }
    public required int Number { get; init; }
    public required string Title { get; set; }
    public string? Body { get; set; }
    public string State { get; set; } = "open";
    public string? StateReason { get; set; }
    public required SimUser User { get; init; }
    public List<SimLabel> Labels { get; set; } = [];
    public List<SimUser> Assignees { get; set; } = [];
    public int Comments { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public SimPull? Pull { get; init; }
}

internal sealed class SimPull
{
    public required long Id { get; init; }
    public required string HeadRef { get; init; }
    public required string HeadSha { get; init; }
    public required string BaseSha { get; init; }
    public bool Draft { get; init; }
    public DateTimeOffset? MergedAt { get; set; }
    public string? MergeCommitSha { get; set; }
}

internal sealed class SimComment
{
    public required long Id { get; init; }
    public required SimIssue Issue { get; init; }
    public required string Body { get; set; }
    public required SimUser User { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class SimHook
{
    public required long Id { get; init; }
    public required SimRepo Repo { get; init; }
    public required string Url { get; init; }
    public string? Secret { get; init; }
    public string ContentType { get; init; } = "json";
    public string InsecureSsl { get; init; } = "0";
    public required List<string> Events { get; init; }
    public bool Active { get; init; } = true;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public int? LastCode { get; set; }
    public string LastStatus { get; set; } = "unused";
    public string? LastMessage { get; set; }

    public bool Wants(string eventName) => Active && (Events.Contains("*") || Events.Contains(eventName));
}

internal sealed record SimAuthorization(string Id, string ClientId, string RedirectUri, string Scope, string? State, string? CodeChallenge);

internal sealed record SimCode(SimAuthorization Request, long UserId, DateTimeOffset ExpiresAt);

internal sealed record SimToken(string Token, long UserId, string Scope);

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>An issue (GitHub also returns pull requests as issues; those carry <see cref="PullRequest"/>).</summary>
public sealed record GitHubIssue
{
    /// <summary>Numeric id.</summary>
    [Description("The issue's numeric id (unique across GitHub).")]
    public required long Id { get; init; }

    /// <summary>GraphQL node id.</summary>
    [Description("The GraphQL node id.")]
    public string? NodeId { get; init; }

    /// <summary>Number within the repository.</summary>
    [Description("The issue number within its repository, as in #42.")]
    public required int Number { get; init; }

    /// <summary>Title.</summary>
    [Description("The issue title.")]
    public required string Title { get; init; }

    /// <summary>Body (Markdown).</summary>
    [Description("The issue body in Markdown.")]
    public string? Body { get; init; }

    /// <summary>open or closed.</summary>
    [Description("open or closed.")]
    public required string State { get; init; }

    /// <summary>Why it was closed or reopened.</summary>
    [Description("completed, not_planned or reopened.")]
    public string? StateReason { get; init; }

    /// <summary>Locked.</summary>
    [Description("Whether the conversation is locked.")]
    public bool? Locked { get; init; }

    /// <summary>Author.</summary>
    [Description("Who opened the issue.")]
    public GitHubUser? User { get; init; }

    /// <summary>Labels.</summary>
    [Description("Labels on the issue.")]
    public IReadOnlyList<GitHubLabel> Labels { get; init; } = [];

    /// <summary>First assignee.</summary>
    [Description("The first assignee (see assignees for all).")]
    public GitHubUser? Assignee { get; init; }

    /// <summary>Assignees.</summary>
    [Description("Everyone assigned to the issue.")]
    public IReadOnlyList<GitHubUser>? Assignees { get; init; }

    /// <summary>Comment count.</summary>
    [Description("Number of comments.")]
    public int? Comments { get; init; }

    /// <summary>API URL.</summary>
    [Description("API URL of the issue.")]
    public string? Url { get; init; }

    /// <summary>Web page.</summary>
    [Description("URL of the issue on github.com.")]
    public string? HtmlUrl { get; init; }

    /// <summary>API URL of the repository.</summary>
    [Description("API URL of the repository the issue belongs to.")]
    public string? RepositoryUrl { get; init; }

    /// <summary>Pull-request links, when the issue is a pull request.</summary>
    [Description("Present when the issue is a pull request.")]
    public GitHubIssuePullRequest? PullRequest { get; init; }

    /// <summary>Author's relation to the repository.</summary>
    [Description("OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, …")]
    public string? AuthorAssociation { get; init; }

    /// <summary>Creation time.</summary>
    [Description("When the issue was opened.")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    [Description("When the issue last changed.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Close time.</summary>
    [Description("When the issue was closed (null while open).")]
    public DateTimeOffset? ClosedAt { get; init; }
}

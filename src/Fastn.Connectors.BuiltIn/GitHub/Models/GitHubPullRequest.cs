using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>A pull request as the list endpoint returns it.</summary>
public sealed record GitHubPullRequest
{
    /// <summary>Numeric id.</summary>
    [Description("The pull request's numeric id.")]
    public required long Id { get; init; }

    /// <summary>Number within the repository.</summary>
    [Description("The number within its repository (shared with issues).")]
    public required int Number { get; init; }

    /// <summary>Title.</summary>
    [Description("The title.")]
    public required string Title { get; init; }

    /// <summary>Body.</summary>
    [Description("The description in Markdown.")]
    public string? Body { get; init; }

    /// <summary>open or closed.</summary>
    [Description("open or closed.")]
    public required string State { get; init; }

    /// <summary>Draft.</summary>
    [Description("Whether it is a draft.")]
    public bool? Draft { get; init; }

    /// <summary>Locked.</summary>
    [Description("Whether the conversation is locked.")]
    public bool? Locked { get; init; }

    /// <summary>Author.</summary>
    [Description("Who opened it.")]
    public GitHubUser? User { get; init; }

    /// <summary>Labels.</summary>
    [Description("Labels on the pull request.")]
    public IReadOnlyList<GitHubLabel> Labels { get; init; } = [];

    /// <summary>Head branch.</summary>
    [Description("The branch with the changes.")]
    public GitHubBranchRef? Head { get; init; }

    /// <summary>Base branch.</summary>
    [Description("The branch the changes go into.")]
    public GitHubBranchRef? Base { get; init; }

    /// <summary>Web page.</summary>
    [Description("URL on github.com.")]
    public string? HtmlUrl { get; init; }

    /// <summary>Creation time.</summary>
    [Description("When it was opened.")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    [Description("When it last changed.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Close time.</summary>
    [Description("When it was closed (null while open).")]
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Merge time.</summary>
    [Description("When it was merged (null if not merged).")]
    public DateTimeOffset? MergedAt { get; init; }
}

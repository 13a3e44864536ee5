using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Input of <c>update_issue</c> (PATCH /repos/{owner}/{repo}/issues/{issue_number}); fields left out stay as they are.</summary>
public sealed record UpdateIssueInput
{
    /// <summary>Owner login.</summary>
    [Description("The account owner of the repository.")]
    public required string Owner { get; init; }

    /// <summary>Repository name.</summary>
    [Description("The repository name.")]
    public required string Repo { get; init; }

    /// <summary>Issue number.</summary>
    [Description("The number that identifies the issue.")]
    public required int IssueNumber { get; init; }

    /// <summary>New title.</summary>
    [Description("The new title.")]
    public string? Title { get; init; }

    /// <summary>New body.</summary>
    [Description("The new contents, in Markdown.")]
    public string? Body { get; init; }

    /// <summary>open or closed.</summary>
    [Description("open to reopen, closed to close.")]
    public GitHubIssueState? State { get; init; }

    /// <summary>Why the state changed.</summary>
    [Description("completed, not_planned or reopened (with state).")]
    public GitHubStateReason? StateReason { get; init; }

    /// <summary>Labels (replaces all).</summary>
    [Description("Label names; replaces every label on the issue. An empty list removes them all.")]
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Assignees (replaces all).</summary>
    [Description("Logins; replaces every assignee. An empty list unassigns everyone.")]
    public IReadOnlyList<string>? Assignees { get; init; }

    /// <summary>Milestone number.</summary>
    [Description("The number of the milestone to associate.")]
    public int? Milestone { get; init; }
}

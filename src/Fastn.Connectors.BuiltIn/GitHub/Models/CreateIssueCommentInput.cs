using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Input of <c>create_issue_comment</c> (POST /repos/{owner}/{repo}/issues/{issue_number}/comments).</summary>
public sealed record CreateIssueCommentInput
{
    /// <summary>Owner login.</summary>
    [Description("The account owner of the repository.")]
    public required string Owner { get; init; }

    /// <summary>Repository name.</summary>
    [Description("The repository name.")]
    public required string Repo { get; init; }

    /// <summary>Issue or pull request number.</summary>
    [Description("The issue (or pull request) number to comment on.")]
    public required int IssueNumber { get; init; }

    /// <summary>Comment text.</summary>
    [Description("The comment, in Markdown.")]
    public required string Body { get; init; }
}

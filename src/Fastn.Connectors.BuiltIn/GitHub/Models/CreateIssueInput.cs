using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Input of <c>create_issue</c> (POST /repos/{owner}/{repo}/issues).</summary>
public sealed record CreateIssueInput
{
    /// <summary>Owner login.</summary>
    [Description("The account owner of the repository.")]
    public required string Owner { get; init; }

    /// <summary>Repository name.</summary>
    [Description("The repository name.")]
    public required string Repo { get; init; }

    /// <summary>Title.</summary>
    [Description("The title of the issue.")]
    public required string Title { get; init; }

    /// <summary>Body.</summary>
    [Description("The contents of the issue, in Markdown.")]
    public string? Body { get; init; }

    /// <summary>Labels.</summary>
    [Description("Label names to add (needs push access; others are silently dropped).")]
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Assignees.</summary>
    [Description("Logins to assign (needs push access).")]
    public IReadOnlyList<string>? Assignees { get; init; }

    /// <summary>Milestone number.</summary>
    [Description("The number of the milestone to associate.")]
    public int? Milestone { get; init; }
}

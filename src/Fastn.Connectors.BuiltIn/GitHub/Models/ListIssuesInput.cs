using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Input of <c>list_issues</c> (GET /repos/{owner}/{repo}/issues).</summary>
public sealed record ListIssuesInput
{
    /// <summary>Owner login.</summary>
    [Description("The account owner of the repository.")]
    public required string Owner { get; init; }

    /// <summary>Repository name.</summary>
    [Description("The repository name.")]
    public required string Repo { get; init; }

    /// <summary>State filter.</summary>
    [Description("open (default), closed or all.")]
    public GitHubItemState? State { get; init; }

    /// <summary>Label filter.</summary>
    [Description("Comma-separated label names; issues must have all of them.")]
    public string? Labels { get; init; }

    /// <summary>Assignee filter.</summary>
    [Description("A login, none for unassigned or * for any assignee.")]
    public string? Assignee { get; init; }

    /// <summary>Creator filter.</summary>
    [Description("Only issues opened by this login.")]
    public string? Creator { get; init; }

    /// <summary>Changed since.</summary>
    [Description("Only issues updated at or after this time (ISO 8601).")]
    public DateTimeOffset? Since { get; init; }

    /// <summary>Sort key.</summary>
    [Description("created (default), updated or comments.")]
    public string? Sort { get; init; }

    /// <summary>Direction.</summary>
    [Description("asc or desc (default desc).")]
    public GitHubSortDirection? Direction { get; init; }

    /// <summary>Page size.</summary>
    [Description("Results per page, 1-100 (default 30).")]
    public int? PerPage { get; init; }

    /// <summary>Page number.</summary>
    [Description("Page number, starting at 1; use next_page of the previous result.")]
    public int? Page { get; init; }
}

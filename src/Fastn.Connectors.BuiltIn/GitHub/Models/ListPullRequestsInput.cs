using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Input of <c>list_pull_requests</c> (GET /repos/{owner}/{repo}/pulls).</summary>
public sealed record ListPullRequestsInput
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

    /// <summary>Head filter.</summary>
    [Description("user:ref-name or organization:ref-name of the head branch.")]
    public string? Head { get; init; }

    /// <summary>Base filter.</summary>
    [Description("Base branch name, e.g. main.")]
    public string? Base { get; init; }

    /// <summary>Sort key.</summary>
    [Description("created (default), updated, popularity or long-running.")]
    public string? Sort { get; init; }

    /// <summary>Direction.</summary>
    [Description("asc or desc.")]
    public GitHubSortDirection? Direction { get; init; }

    /// <summary>Page size.</summary>
    [Description("Results per page, 1-100 (default 30).")]
    public int? PerPage { get; init; }

    /// <summary>Page number.</summary>
    [Description("Page number, starting at 1.")]
    public int? Page { get; init; }
}

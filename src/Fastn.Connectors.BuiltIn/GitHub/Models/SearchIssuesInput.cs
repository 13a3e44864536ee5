using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Input of <c>search_issues</c> (GET /search/issues).</summary>
public sealed record SearchIssuesInput
{
    /// <summary>The search query.</summary>
    [Description("GitHub search syntax, e.g. \"repo:octocat/hello-world is:issue is:open label:bug login\".")]
    public required string Q { get; init; }

    /// <summary>Sort key.</summary>
    [Description("comments, reactions, created, updated, … (default: best match).")]
    public string? Sort { get; init; }

    /// <summary>Order.</summary>
    [Description("asc or desc (default desc); only with sort.")]
    public GitHubSortDirection? Order { get; init; }

    /// <summary>Page size.</summary>
    [Description("Results per page, 1-100 (default 30).")]
    public int? PerPage { get; init; }

    /// <summary>Page number.</summary>
    [Description("Page number, starting at 1.")]
    public int? Page { get; init; }
}

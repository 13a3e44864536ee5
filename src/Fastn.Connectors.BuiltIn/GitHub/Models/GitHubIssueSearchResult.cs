using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>One page of issue search results.</summary>
public sealed record GitHubIssueSearchResult
{
    /// <summary>Total matches.</summary>
    [Description("How many issues and pull requests match in total (search returns at most 1,000).")]
    public int TotalCount { get; init; }

    /// <summary>Whether the search timed out.</summary>
    [Description("True when GitHub stopped searching early; results may be missing.")]
    public bool IncompleteResults { get; init; }

    /// <summary>Matches on this page.</summary>
    [Description("The matching issues and pull requests on this page.")]
    public IReadOnlyList<GitHubIssue> Items { get; init; } = [];

    /// <summary>The page to ask for next, or null on the last page.</summary>
    [Description("Pass as page to get the next page; null on the last page.")]
    public int? NextPage { get; init; }
}

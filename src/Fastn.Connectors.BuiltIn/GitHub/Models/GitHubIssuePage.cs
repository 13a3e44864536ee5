using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>One page of issues, with the next page number from GitHub's <c>Link</c> header.</summary>
public sealed record GitHubIssuePage
{
    /// <summary>The issues on this page.</summary>
    [Description("The issues on this page.")]
    public IReadOnlyList<GitHubIssue> Issues { get; init; } = [];

    /// <summary>The page to ask for next, or null on the last page.</summary>
    [Description("Pass as page to get the next page; null on the last page (from the Link header's rel=\"next\").")]
    public int? NextPage { get; init; }
}

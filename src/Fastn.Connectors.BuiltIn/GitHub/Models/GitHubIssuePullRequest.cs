using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>The <c>pull_request</c> member of an issue that is a pull request.</summary>
public sealed record GitHubIssuePullRequest
{
    /// <summary>API URL of the pull request.</summary>
    [Description("API URL of the pull request.")]
    public string? Url { get; init; }

    /// <summary>Web page.</summary>
    [Description("URL of the pull request on github.com.")]
    public string? HtmlUrl { get; init; }

    /// <summary>Merge time.</summary>
    [Description("When it was merged (null if not merged).")]
    public DateTimeOffset? MergedAt { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>A repository (the fields integrations use of GitHub's repository object).</summary>
public sealed record GitHubRepository
{
    /// <summary>Numeric id.</summary>
    [Description("The repository's numeric id.")]
    public required long Id { get; init; }

    /// <summary>GraphQL node id.</summary>
    [Description("The GraphQL node id.")]
    public string? NodeId { get; init; }

    /// <summary>Name.</summary>
    [Description("The repository name without the owner, e.g. hello-world.")]
    public required string Name { get; init; }

    /// <summary>owner/name.</summary>
    [Description("owner/name, e.g. octocat/hello-world.")]
    public required string FullName { get; init; }

    /// <summary>Owner.</summary>
    [Description("The owning user or organization.")]
    public GitHubUser? Owner { get; init; }

    /// <summary>Private or not.</summary>
    [Description("Whether the repository is private.")]
    public bool Private { get; init; }

    /// <summary>Visibility.</summary>
    [Description("public, private or internal.")]
    public string? Visibility { get; init; }

    /// <summary>Description.</summary>
    [Description("The repository description.")]
    public string? Description { get; init; }

    /// <summary>Web page.</summary>
    [Description("URL of the repository on github.com.")]
    public string? HtmlUrl { get; init; }

    /// <summary>Whether it is a fork.</summary>
    [Description("Whether the repository is a fork.")]
    public bool? Fork { get; init; }

    /// <summary>Default branch.</summary>
    [Description("The default branch, e.g. main.")]
    public string? DefaultBranch { get; init; }

    /// <summary>Main language.</summary>
    [Description("The main programming language.")]
    public string? Language { get; init; }

    /// <summary>Archived.</summary>
    [Description("Whether the repository is archived (read-only).")]
    public bool? Archived { get; init; }

    /// <summary>Issues enabled.</summary>
    [Description("Whether issues are enabled.")]
    public bool? HasIssues { get; init; }

    /// <summary>Open issues and pull requests.</summary>
    [Description("Open issues plus open pull requests.")]
    public int? OpenIssuesCount { get; init; }

    /// <summary>Stars.</summary>
    [Description("Number of stars.")]
    public int? StargazersCount { get; init; }

    /// <summary>Forks.</summary>
    [Description("Number of forks.")]
    public int? ForksCount { get; init; }

    /// <summary>Topics.</summary>
    [Description("Topics (tags) of the repository.")]
    public IReadOnlyList<string>? Topics { get; init; }

    /// <summary>Creation time.</summary>
    [Description("When the repository was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    [Description("When the repository last changed.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Last push.</summary>
    [Description("When commits were last pushed.")]
    public DateTimeOffset? PushedAt { get; init; }
}

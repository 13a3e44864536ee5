using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Input of <c>list_repositories</c> (GET /user/repos).</summary>
public sealed record ListRepositoriesInput
{
    /// <summary>Visibility filter.</summary>
    [Description("all (default), public or private.")]
    public string? Visibility { get; init; }

    /// <summary>Affiliation filter.</summary>
    [Description("Comma-separated: owner, collaborator, organization_member (default all three).")]
    public string? Affiliation { get; init; }

    /// <summary>Sort key.</summary>
    [Description("created, updated, pushed or full_name (default full_name).")]
    public string? Sort { get; init; }

    /// <summary>Direction.</summary>
    [Description("asc or desc (default asc for full_name, else desc).")]
    public GitHubSortDirection? Direction { get; init; }

    /// <summary>Page size.</summary>
    [Description("Results per page, 1-100 (default 30).")]
    public int? PerPage { get; init; }

    /// <summary>Page number.</summary>
    [Description("Page number, starting at 1; use next_page of the previous result.")]
    public int? Page { get; init; }
}

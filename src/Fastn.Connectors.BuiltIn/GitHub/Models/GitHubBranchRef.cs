using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>The head or base of a pull request.</summary>
public sealed record GitHubBranchRef
{
    /// <summary>owner:branch.</summary>
    [Description("owner:branch, e.g. octocat:fix-login.")]
    public string? Label { get; init; }

    /// <summary>Branch name.</summary>
    [Description("The branch name.")]
    public required string Ref { get; init; }

    /// <summary>Commit SHA.</summary>
    [Description("The commit SHA the branch points at.")]
    public required string Sha { get; init; }
}

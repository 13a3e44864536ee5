using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Names a repository.</summary>
public sealed record RepositoryInput
{
    /// <summary>Owner login.</summary>
    [Description("The account owner of the repository (user or organization login). Not case sensitive.")]
    public required string Owner { get; init; }

    /// <summary>Repository name.</summary>
    [Description("The repository name without the .git extension. Not case sensitive.")]
    public required string Repo { get; init; }
}

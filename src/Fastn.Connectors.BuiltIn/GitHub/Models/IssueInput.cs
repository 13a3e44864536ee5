using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>Names one issue.</summary>
public sealed record IssueInput
{
    /// <summary>Owner login.</summary>
    [Description("The account owner of the repository.")]
    public required string Owner { get; init; }

    /// <summary>Repository name.</summary>
    [Description("The repository name.")]
    public required string Repo { get; init; }

    /// <summary>Issue number.</summary>
    [Description("The number that identifies the issue, as in #42.")]
    public required int IssueNumber { get; init; }
}

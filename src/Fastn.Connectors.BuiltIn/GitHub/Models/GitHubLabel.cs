using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>A label on an issue or pull request.</summary>
public sealed record GitHubLabel
{
    /// <summary>Numeric id.</summary>
    [Description("The label's numeric id.")]
    public long? Id { get; init; }

    /// <summary>Name.</summary>
    [Description("The label's name, e.g. bug.")]
    public required string Name { get; init; }

    /// <summary>Colour.</summary>
    [Description("Hex colour without #, e.g. d73a4a.")]
    public string? Color { get; init; }

    /// <summary>Description.</summary>
    [Description("What the label means.")]
    public string? Description { get; init; }
}

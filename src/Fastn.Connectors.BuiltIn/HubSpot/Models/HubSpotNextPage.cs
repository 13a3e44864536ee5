using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>Where the next page starts.</summary>
public sealed record HubSpotNextPage
{
    /// <summary>The cursor to pass as <c>after</c>.</summary>
    [Description("The cursor to pass as after for the next page.")]
    public required string After { get; init; }

    /// <summary>The next page's URL.</summary>
    [Description("The next page's URL (list endpoints only).")]
    public string? Link { get; init; }
}

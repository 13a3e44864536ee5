using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>A page of workspace members.</summary>
public sealed record UserPage
{
    /// <summary>The members.</summary>
    [Description("The workspace members on this page, bots included.")]
    public required IReadOnlyList<SlackUser> Members { get; init; }

    /// <summary>Cursor of the next page.</summary>
    [Description("Pass as cursor to get the next page; absent on the last page.")]
    public string? NextCursor { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>A page of conversations.</summary>
public sealed record ChannelPage
{
    /// <summary>The conversations.</summary>
    [Description("The conversations on this page.")]
    public required IReadOnlyList<SlackChannel> Channels { get; init; }

    /// <summary>Cursor of the next page.</summary>
    [Description("Pass as cursor to get the next page; absent on the last page.")]
    public string? NextCursor { get; init; }
}

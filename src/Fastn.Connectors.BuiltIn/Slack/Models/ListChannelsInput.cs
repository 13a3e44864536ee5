using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Input of <c>list_channels</c> (conversations.list).</summary>
public sealed record ListChannelsInput
{
    /// <summary>Conversation types.</summary>
    [Description("Comma-separated types: public_channel, private_channel, mpim, im (default public_channel).")]
    public string? Types { get; init; }

    /// <summary>Leave out archived channels.</summary>
    [Description("Leave archived channels out (default false).")]
    public bool? ExcludeArchived { get; init; }

    /// <summary>Page size.</summary>
    [Description("Channels per page, 1-1000 (default 200; Slack recommends at most 200).")]
    public int? Limit { get; init; }

    /// <summary>Cursor.</summary>
    [Description("The next_cursor of the previous page, to continue.")]
    public string? Cursor { get; init; }
}

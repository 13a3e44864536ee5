using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Input of <c>get_channel_history</c> (conversations.history).</summary>
public sealed record ChannelHistoryInput
{
    /// <summary>Conversation id.</summary>
    [Description("Id of the conversation to read, like C012AB3CD.")]
    public required string Channel { get; init; }

    /// <summary>Page size.</summary>
    [Description("Messages per page, 1-999 (default 100).")]
    public int? Limit { get; init; }

    /// <summary>Cursor.</summary>
    [Description("The next_cursor of the previous page, to continue.")]
    public string? Cursor { get; init; }

    /// <summary>Only messages after this ts.</summary>
    [Description("Only messages after this Slack timestamp (Unix seconds with microseconds, like 1712345678.000000).")]
    public string? Oldest { get; init; }

    /// <summary>Only messages before this ts.</summary>
    [Description("Only messages before this Slack timestamp; to page without cursors pass the ts of the last message returned.")]
    public string? Latest { get; init; }

    /// <summary>Include messages exactly at oldest/latest.</summary>
    [Description("Include messages with exactly the oldest or latest timestamp.")]
    public bool? Inclusive { get; init; }
}

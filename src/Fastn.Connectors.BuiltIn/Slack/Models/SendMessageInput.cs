using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Input of <c>send_message</c> (chat.postMessage).</summary>
public sealed record SendMessageInput
{
    /// <summary>Where to post.</summary>
    [Description("Conversation id (C…, G…, D…) or a channel name like #general. The bot must be a member unless it has chat:write.public.")]
    public required string Channel { get; init; }

    /// <summary>Text.</summary>
    [Description("Message text in Slack mrkdwn; with blocks it is the notification fallback. Required when blocks is empty.")]
    public string? Text { get; init; }

    /// <summary>Block Kit blocks as a JSON array string.</summary>
    [Description("Block Kit layout as a JSON array string, like [{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"Hi\"}}].")]
    public string? Blocks { get; init; }

    /// <summary>Reply in a thread.</summary>
    [Description("The ts of a parent message, to reply in its thread.")]
    public string? ThreadTs { get; init; }

    /// <summary>Also show a thread reply in the channel.</summary>
    [Description("With thread_ts: also show the reply in the channel.")]
    public bool? ReplyBroadcast { get; init; }

    /// <summary>Unfurl text links.</summary>
    [Description("Whether to unfurl links to text content.")]
    public bool? UnfurlLinks { get; init; }

    /// <summary>Unfurl media links.</summary>
    [Description("Whether to unfurl links to media content.")]
    public bool? UnfurlMedia { get; init; }

    /// <summary>Interpret mrkdwn.</summary>
    [Description("Whether to interpret Slack mrkdwn in text (default true).")]
    public bool? Mrkdwn { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>A message in a conversation. Its <see cref="Ts"/> is its id within the channel.</summary>
public sealed record SlackMessage
{
    /// <summary>Timestamp, the message's id within its channel.</summary>
    [Description("The message timestamp, like 1712345678.123456: its id within the channel.")]
    public required string Ts { get; init; }

    /// <summary>Always <c>message</c>.</summary>
    [Description("Event type; always message.")]
    public string? Type { get; init; }

    /// <summary>Subtype (<c>channel_join</c>, <c>bot_message</c>…), absent for plain messages.</summary>
    [Description("Message subtype such as channel_join or bot_message; absent for ordinary messages.")]
    public string? Subtype { get; init; }

    /// <summary>The conversation, filled by the connector (Slack's message objects carry it only in some answers).</summary>
    [Description("Id of the conversation the message is in.")]
    public string? Channel { get; init; }

    /// <summary>Author.</summary>
    [Description("User id of the author (absent for some bot messages).")]
    public string? User { get; init; }

    /// <summary>Bot author.</summary>
    [Description("Bot id when a bot posted the message.")]
    public string? BotId { get; init; }

    /// <summary>Text (Slack mrkdwn).</summary>
    [Description("Message text in Slack mrkdwn.")]
    public string? Text { get; init; }

    /// <summary>Parent message's ts when a thread reply.</summary>
    [Description("The ts of the thread's parent message, for replies and parents.")]
    public string? ThreadTs { get; init; }

    /// <summary>Reply count of a thread parent.</summary>
    [Description("Number of replies, on a thread's parent message.")]
    public int? ReplyCount { get; init; }

    /// <summary>Workspace id.</summary>
    [Description("Workspace id of the author.")]
    public string? Team { get; init; }

    /// <summary>Shared files.</summary>
    [Description("Files shared in the message.")]
    public IReadOnlyList<SlackFile>? Files { get; init; }

    /// <summary>Last edit.</summary>
    [Description("Who last edited the message and when.")]
    public SlackEdited? Edited { get; init; }

    /// <summary>Reactions.</summary>
    [Description("Emoji reactions on the message.")]
    public IReadOnlyList<SlackReaction>? Reactions { get; init; }
}

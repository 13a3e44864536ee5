using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Output of <c>send_message</c>.</summary>
public sealed record SendMessageResult
{
    /// <summary>The conversation id.</summary>
    [Description("Id of the conversation the message was posted in.")]
    public required string Channel { get; init; }

    /// <summary>The new message's ts.</summary>
    [Description("The new message's ts (its id within the channel; pass it to update_message or add_reaction).")]
    public required string Ts { get; init; }

    /// <summary>The message as posted.</summary>
    [Description("The message as Slack stored it.")]
    public SlackMessage? Message { get; init; }
}

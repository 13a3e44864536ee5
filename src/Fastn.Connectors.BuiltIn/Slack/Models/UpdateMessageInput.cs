using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Input of <c>update_message</c> (chat.update).</summary>
public sealed record UpdateMessageInput
{
    /// <summary>Conversation id.</summary>
    [Description("Id of the conversation the message is in.")]
    public required string Channel { get; init; }

    /// <summary>The message's ts.</summary>
    [Description("The ts of the message to change; only the app's own messages can be changed.")]
    public required string Ts { get; init; }

    /// <summary>New text.</summary>
    [Description("The new text in Slack mrkdwn.")]
    public string? Text { get; init; }

    /// <summary>New blocks.</summary>
    [Description("The new Block Kit layout as a JSON array string; \"[]\" removes the blocks.")]
    public string? Blocks { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Output of <c>update_message</c>.</summary>
public sealed record UpdateMessageResult
{
    /// <summary>Conversation id.</summary>
    [Description("Id of the conversation.")]
    public required string Channel { get; init; }

    /// <summary>The message's ts.</summary>
    [Description("The ts of the changed message.")]
    public required string Ts { get; init; }

    /// <summary>The new text.</summary>
    [Description("The message's new text.")]
    public string? Text { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Input of <c>add_reaction</c> (reactions.add).</summary>
public sealed record AddReactionInput
{
    /// <summary>Conversation id.</summary>
    [Description("Id of the conversation the message is in.")]
    public required string Channel { get; init; }

    /// <summary>The message's ts.</summary>
    [Description("The ts of the message to react to.")]
    public required string Timestamp { get; init; }

    /// <summary>Emoji name.</summary>
    [Description("Emoji name without colons, like thumbsup or white_check_mark.")]
    public required string Name { get; init; }
}

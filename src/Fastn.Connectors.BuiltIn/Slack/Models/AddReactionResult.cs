using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Output of <c>add_reaction</c>.</summary>
public sealed record AddReactionResult
{
    /// <summary>Whether the reaction is now on the message.</summary>
    [Description("True: the reaction is on the message.")]
    public bool Ok { get; init; }

    /// <summary>Whether it was there already.</summary>
    [Description("True when the app had already added this reaction (Slack's already_reacted), so nothing changed.")]
    public bool AlreadyReacted { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>An emoji reaction on a message.</summary>
public sealed record SlackReaction
{
    /// <summary>Emoji name without colons.</summary>
    [Description("Emoji name without colons, like thumbsup.")]
    public required string Name { get; init; }

    /// <summary>How many reacted.</summary>
    [Description("How many people reacted with it.")]
    public int? Count { get; init; }

    /// <summary>Who reacted.</summary>
    [Description("User ids of who reacted.")]
    public IReadOnlyList<string>? Users { get; init; }
}

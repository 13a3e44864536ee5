using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>A channel's topic or purpose.</summary>
public sealed record SlackTopic
{
    /// <summary>The text.</summary>
    [Description("The text of the topic or purpose.")]
    public string? Value { get; init; }

    /// <summary>Who set it.</summary>
    [Description("User id of who set it (empty when never set).")]
    public string? Creator { get; init; }

    /// <summary>When it was set, Unix seconds.</summary>
    [Description("When it was set, in Unix seconds (0 when never set).")]
    public long? LastSet { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Input of <c>create_channel</c> (conversations.create).</summary>
public sealed record CreateChannelInput
{
    /// <summary>Channel name.</summary>
    [Description("Name of the new channel: up to 80 lower-case letters, digits, hyphens and underscores.")]
    public required string Name { get; init; }

    /// <summary>Private channel.</summary>
    [Description("Create a private channel instead of a public one.")]
    public bool? IsPrivate { get; init; }
}

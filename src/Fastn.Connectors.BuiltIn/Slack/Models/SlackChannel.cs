using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>A Slack conversation: public or private channel, direct or group message.</summary>
public sealed record SlackChannel
{
    /// <summary>Conversation id, <c>C…</c>, <c>G…</c> or <c>D…</c>.</summary>
    [Description("Conversation id, like C012AB3CD.")]
    public required string Id { get; init; }

    /// <summary>Name without #.</summary>
    [Description("Channel name without the #.")]
    public string? Name { get; init; }

    /// <summary>Whether a public channel.</summary>
    [Description("True for public channels.")]
    public bool? IsChannel { get; init; }

    /// <summary>Whether a private channel (legacy group).</summary>
    [Description("True for private channels created before March 2021 (legacy groups).")]
    public bool? IsGroup { get; init; }

    /// <summary>Whether a direct message.</summary>
    [Description("True for direct messages.")]
    public bool? IsIm { get; init; }

    /// <summary>Whether private.</summary>
    [Description("True for private channels.")]
    public bool? IsPrivate { get; init; }

    /// <summary>Whether archived.</summary>
    [Description("True when the channel is archived.")]
    public bool? IsArchived { get; init; }

    /// <summary>Whether #general.</summary>
    [Description("True for the workspace's #general channel.")]
    public bool? IsGeneral { get; init; }

    /// <summary>Whether the bot is a member.</summary>
    [Description("True when the app's bot user is a member (it must be to post without chat:write.public).")]
    public bool? IsMember { get; init; }

    /// <summary>Creation time, Unix seconds.</summary>
    [Description("When the channel was created, in Unix seconds.")]
    public long? Created { get; init; }

    /// <summary>Creator's user id.</summary>
    [Description("User id of the creator.")]
    public string? Creator { get; init; }

    /// <summary>Member count.</summary>
    [Description("Number of members (conversations.list only).")]
    public int? NumMembers { get; init; }

    /// <summary>Topic.</summary>
    [Description("The channel topic.")]
    public SlackTopic? Topic { get; init; }

    /// <summary>Purpose.</summary>
    [Description("The channel purpose.")]
    public SlackTopic? Purpose { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>A member of a Slack workspace (users.info, users.list, users.lookupByEmail).</summary>
public sealed record SlackUser
{
    /// <summary>User id, <c>U…</c> or <c>W…</c>.</summary>
    [Description("Slack user id, like U012AB3CDE.")]
    public required string Id { get; init; }

    /// <summary>Workspace id.</summary>
    [Description("Id of the workspace (team) the user belongs to, like T012AB3C4.")]
    public string? TeamId { get; init; }

    /// <summary>Handle.</summary>
    [Description("The user's handle (username), without @.")]
    public string? Name { get; init; }

    /// <summary>Whether deactivated.</summary>
    [Description("True when the account is deactivated.")]
    public bool? Deleted { get; init; }

    /// <summary>Full name.</summary>
    [Description("Full name.")]
    public string? RealName { get; init; }

    /// <summary>Time zone.</summary>
    [Description("IANA time zone, like Europe/London.")]
    public string? Tz { get; init; }

    /// <summary>Offset from UTC in seconds.</summary>
    [Description("Offset of the user's time zone from UTC, in seconds.")]
    public int? TzOffset { get; init; }

    /// <summary>Workspace admin.</summary>
    [Description("True for workspace admins.")]
    public bool? IsAdmin { get; init; }

    /// <summary>Workspace owner.</summary>
    [Description("True for workspace owners.")]
    public bool? IsOwner { get; init; }

    /// <summary>Bot user.</summary>
    [Description("True for bot users.")]
    public bool? IsBot { get; init; }

    /// <summary>App user.</summary>
    [Description("True for users that belong to an app.")]
    public bool? IsAppUser { get; init; }

    /// <summary>Last change, Unix seconds.</summary>
    [Description("When the user last changed, in Unix seconds.")]
    public long? Updated { get; init; }

    /// <summary>Profile.</summary>
    [Description("The user's profile: e-mail, names, title, phone, avatars.")]
    public SlackUserProfile? Profile { get; init; }
}

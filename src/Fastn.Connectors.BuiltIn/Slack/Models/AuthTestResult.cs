using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Output of <c>test_auth</c> (auth.test): who the token is.</summary>
public sealed record AuthTestResult
{
    /// <summary>Workspace URL.</summary>
    [Description("The workspace URL, like https://acme.slack.com/.")]
    public required string Url { get; init; }

    /// <summary>Workspace name.</summary>
    [Description("The workspace name.")]
    public required string Team { get; init; }

    /// <summary>Bot user's handle.</summary>
    [Description("Handle of the token's user (the bot user for bot tokens).")]
    public required string User { get; init; }

    /// <summary>Workspace id.</summary>
    [Description("The workspace id, like T012AB3C4.")]
    public required string TeamId { get; init; }

    /// <summary>User id.</summary>
    [Description("The token's user id (the bot user).")]
    public required string UserId { get; init; }

    /// <summary>Bot id.</summary>
    [Description("The bot id, for bot tokens.")]
    public string? BotId { get; init; }

    /// <summary>Enterprise Grid install.</summary>
    [Description("True when installed on a whole Enterprise Grid organisation.")]
    public bool? IsEnterpriseInstall { get; init; }
}

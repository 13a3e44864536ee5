using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Who last edited a message, and when.</summary>
public sealed record SlackEdited
{
    /// <summary>Editor's user id.</summary>
    [Description("User id of the editor.")]
    public string? User { get; init; }

    /// <summary>Edit time as a Slack timestamp.</summary>
    [Description("When the message was edited, as a Slack timestamp (1712345678.123456).")]
    public string? Ts { get; init; }
}

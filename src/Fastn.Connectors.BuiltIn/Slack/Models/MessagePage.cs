using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>A page of messages, newest first.</summary>
public sealed record MessagePage
{
    /// <summary>The messages, newest first.</summary>
    [Description("Messages, newest first.")]
    public required IReadOnlyList<SlackMessage> Messages { get; init; }

    /// <summary>Whether older messages exist.</summary>
    [Description("True when older messages exist beyond this page.")]
    public bool HasMore { get; init; }

    /// <summary>Cursor of the next page.</summary>
    [Description("Pass as cursor to get the next page, when Slack returns one; otherwise page with latest = the last ts.")]
    public string? NextCursor { get; init; }
}

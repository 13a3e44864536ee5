using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Input of <c>list_users</c> (users.list).</summary>
public sealed record ListUsersInput
{
    /// <summary>Page size.</summary>
    [Description("Users per page, 1-1000 (default 200).")]
    public int? Limit { get; init; }

    /// <summary>Cursor.</summary>
    [Description("The next_cursor of the previous page, to continue.")]
    public string? Cursor { get; init; }
}

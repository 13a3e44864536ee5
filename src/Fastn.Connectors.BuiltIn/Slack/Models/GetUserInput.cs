using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Input of <c>get_user</c> (users.info).</summary>
public sealed record GetUserInput
{
    /// <summary>User id.</summary>
    [Description("Slack user id, like U012AB3CDE.")]
    public required string User { get; init; }
}

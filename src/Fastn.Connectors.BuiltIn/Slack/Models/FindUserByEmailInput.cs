using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>Input of <c>find_user_by_email</c> (users.lookupByEmail).</summary>
public sealed record FindUserByEmailInput
{
    /// <summary>E-mail address.</summary>
    [Description("E-mail address of a workspace member.")]
    public required string Email { get; init; }
}

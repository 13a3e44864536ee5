using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Slack.Models;

/// <summary>The <c>profile</c> of a Slack user.</summary>
public sealed record SlackUserProfile
{
    /// <summary>E-mail address (needs the <c>users:read.email</c> scope).</summary>
    [Description("E-mail address; present only with the users:read.email scope.")]
    public string? Email { get; init; }

    /// <summary>Given name.</summary>
    [Description("First name as set in the profile.")]
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    [Description("Last name as set in the profile.")]
    public string? LastName { get; init; }

    /// <summary>Full name.</summary>
    [Description("Full name as set in the profile.")]
    public string? RealName { get; init; }

    /// <summary>Display name.</summary>
    [Description("The name shown in Slack next to messages (may be empty).")]
    public string? DisplayName { get; init; }

    /// <summary>Job title.</summary>
    [Description("Job title.")]
    public string? Title { get; init; }

    /// <summary>Phone number.</summary>
    [Description("Phone number as typed by the user.")]
    public string? Phone { get; init; }

    /// <summary>Status text.</summary>
    [Description("Current status text.")]
    public string? StatusText { get; init; }

    /// <summary>Status emoji.</summary>
    [Description("Current status emoji, like :palm_tree:.")]
    public string? StatusEmoji { get; init; }

    /// <summary>Avatar, 72 px.</summary>
    [Description("URL of the 72x72 avatar.")]
    [JsonPropertyName("image_72")]
    public string? Image72 { get; init; }

    /// <summary>Avatar, 192 px.</summary>
    [Description("URL of the 192x192 avatar.")]
    [JsonPropertyName("image_192")]
    public string? Image192 { get; init; }
}

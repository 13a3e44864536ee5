using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>A GitHub account (user, organization or bot) as the REST API returns it.</summary>
public sealed record GitHubUser
{
    /// <summary>Numeric account id.</summary>
    [Description("GitHub's numeric account id.")]
    public required long Id { get; init; }

    /// <summary>Login (handle).</summary>
    [Description("The login (handle), e.g. octocat.")]
    public required string Login { get; init; }

    /// <summary>GraphQL node id.</summary>
    [Description("The GraphQL node id.")]
    public string? NodeId { get; init; }

    /// <summary>Account type.</summary>
    [Description("User, Organization or Bot.")]
    public string? Type { get; init; }

    /// <summary>Whether the account is a GitHub staff administrator.</summary>
    [Description("Whether the account is a GitHub site administrator.")]
    public bool? SiteAdmin { get; init; }

    /// <summary>Display name.</summary>
    [Description("Display name (null when the user did not set one).")]
    public string? Name { get; init; }

    /// <summary>Public (or, for the authenticated user with user:email, primary) e-mail.</summary>
    [Description("Public e-mail address (null when hidden).")]
    public string? Email { get; init; }

    /// <summary>Profile picture.</summary>
    [Description("URL of the avatar image.")]
    public string? AvatarUrl { get; init; }

    /// <summary>Profile page.</summary>
    [Description("URL of the profile page on github.com.")]
    public string? HtmlUrl { get; init; }

    /// <summary>Company.</summary>
    [Description("Company from the profile.")]
    public string? Company { get; init; }

    /// <summary>Blog or website.</summary>
    [Description("Website from the profile.")]
    public string? Blog { get; init; }

    /// <summary>Location.</summary>
    [Description("Location from the profile.")]
    public string? Location { get; init; }

    /// <summary>Biography.</summary>
    [Description("Biography from the profile.")]
    public string? Bio { get; init; }

    /// <summary>Public repositories.</summary>
    [Description("Number of public repositories (full user objects only).")]
    public int? PublicRepos { get; init; }

    /// <summary>Followers.</summary>
    [Description("Number of followers (full user objects only).")]
    public int? Followers { get; init; }

    /// <summary>Following.</summary>
    [Description("Number of accounts followed (full user objects only).")]
    public int? Following { get; init; }

    /// <summary>Creation time.</summary>
    [Description("When the account was created (full user objects only).")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    [Description("When the profile last changed (full user objects only).")]
    public DateTimeOffset? UpdatedAt { get; init; }
}

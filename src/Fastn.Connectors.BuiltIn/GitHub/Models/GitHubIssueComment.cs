using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.GitHub.Models;

/// <summary>A comment on an issue or pull request.</summary>
public sealed record GitHubIssueComment
{
    /// <summary>Numeric id.</summary>
    [Description("The comment's numeric id.")]
    public required long Id { get; init; }

    /// <summary>GraphQL node id.</summary>
    [Description("The GraphQL node id.")]
    public string? NodeId { get; init; }

    /// <summary>Body (Markdown).</summary>
    [Description("The comment in Markdown.")]
    public string? Body { get; init; }

    /// <summary>Author.</summary>
    [Description("Who wrote the comment.")]
    public GitHubUser? User { get; init; }

    /// <summary>Web page.</summary>
    [Description("URL of the comment on github.com.")]
    public string? HtmlUrl { get; init; }

    /// <summary>API URL of the issue.</summary>
    [Description("API URL of the issue commented on.")]
    public string? IssueUrl { get; init; }

    /// <summary>Author's relation to the repository.</summary>
    [Description("OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, NONE, …")]
    public string? AuthorAssociation { get; init; }

    /// <summary>Creation time.</summary>
    [Description("When the comment was written.")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    [Description("When the comment was last edited.")]
    public DateTimeOffset? UpdatedAt { get; init; }
}

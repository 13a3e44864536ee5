using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.BuiltIn.GitHub.Models;
using Fastn.Connectors.Capabilities;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;
using Fastn.Connectors.Entities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.GitHub;

/// <summary>
/// GitHub over its REST API (version 2022-11-28): an OAuth app (default) or a personal access token;
/// repositories, issues, comments, search and pull requests; signed repository webhooks; issues and users
/// mapped to CDMIssue and CDMUser.
/// </summary>
[FastnConnector]
public static class GitHubConnector
{
    /// <summary>The connector's name.</summary>
    public const string Name = "github";

    /// <summary>GitHub's JSON is snake_case: schemas, inputs, outputs and the wire all use it.</summary>
    public static JsonSerializerOptions Json { get; } = ConnectorJson.SnakeCase;

    /// <summary>The connector against api.github.com and github.com's OAuth endpoints.</summary>
    public static ConnectorDefinition Definition { get; } = Build("https://api.github.com", "https://github.com/login/oauth");

    /// <summary>The connector against the simulation under <paramref name="sandboxBaseUrl"/> (<c>{sandboxBaseUrl}/github</c>).</summary>
    public static ConnectorDefinition Create(string sandboxBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(sandboxBaseUrl);
        var root = sandboxBaseUrl.TrimEnd('/') + "/" + Name;
        return Build(root, root + "/login/oauth");
    }

    private static ConnectorDefinition Build(string apiBaseUrl, string oauthBaseUrl) => new()
    {
        Name = Name,
        DisplayName = "GitHub",
        Description = "Repositories, issues, comments and pull requests on GitHub, with signed repository webhooks.",
        Categories = ["developer-tools", "issue-tracking"],
        BaseUrl = apiBaseUrl,
        DocumentationUrl = "https://docs.github.com/en/rest?apiVersion=" + GitHubApi.ApiVersion,
        JsonOptions = Json,
        Auth = Auth.OneOf(
            Auth.OAuth2(o =>
            {
                o.Id = "oauth_app";
                o.Label = "GitHub OAuth app";
                o.AuthorizationUrl = oauthBaseUrl + "/authorize";
                o.TokenUrl = oauthBaseUrl + "/access_token";
                o.Scopes = ["repo", "read:user", "user:email"];
                o.ScopeSeparator = " ";
                o.Pkce = true;
                o.ClientAuthentication = OAuth2ClientAuthentication.RequestBody;
                // OAuth app tokens do not expire and come without a refresh token.
                o.SupportsRefresh = false;
            }),
            Auth.BearerToken("A personal access token from github.com → Settings → Developer settings → Personal access tokens (fine-grained: Issues and Pull requests read/write, Metadata read, Webhooks read/write; classic: repo and admin:repo_hook).")
                with { Id = "personal_access_token", Label = "Personal access token", TokenLabel = "Personal access token" }),
        Capabilities = new ConnectorCapabilities { TestAction = "get_authenticated_user" },
        Actions =
        {
            Define.Action<GitHubEmptyInput, GitHubUser>("get_authenticated_user", "Get the GitHub user the connection belongs to.",
                (_, ctx, ct) => GitHubApi.GetAsync<GitHubUser>(ctx, "user", ct),
                ActionHints.Read("users") with { LlmDescription = "Return the profile (login, name, e-mail, counts) of the GitHub account this connection acts as." }, Json),
            Define.Action<ListRepositoriesInput, GitHubRepositoryPage>("list_repositories", "List repositories the authenticated user can access, one page at a time.",
                async (input, ctx, ct) =>
                {
                    var page = await GitHubApi.GetPageAsync<IReadOnlyList<GitHubRepository>>(ctx, GitHubApi.Query("user/repos",
                        ("visibility", input.Visibility), ("affiliation", input.Affiliation), ("sort", input.Sort), ("direction", input.Direction),
                        ("per_page", PerPage(input.PerPage)), ("page", input.Page)), ct);
                    return new GitHubRepositoryPage { Repositories = page.Body, NextPage = page.NextPage };
                },
                ActionHints.Read("repositories") with { LlmDescription = "List the user's repositories (owned, collaborator and organization). Pass next_page back as page for more." }, Json),
            Define.Action<RepositoryInput, GitHubRepository>("get_repository", "Get one repository by owner and name.",
                (input, ctx, ct) => GitHubApi.GetAsync<GitHubRepository>(ctx, ctx.Http.Path("repos/{owner}/{repo}", input.Owner, input.Repo), ct),
                ActionHints.Read("repositories") with { LlmDescription = "Get a repository's details (description, default branch, visibility, open issue count) by owner and repo name." }, Json),
            Define.Action<ListIssuesInput, GitHubIssuePage>("list_issues", "List a repository's issues (pull requests included, marked by pull_request), one page at a time.",
                async (input, ctx, ct) =>
                {
                    var page = await GitHubApi.GetPageAsync<IReadOnlyList<GitHubIssue>>(ctx, GitHubApi.Query(ctx.Http.Path("repos/{owner}/{repo}/issues", input.Owner, input.Repo),
                        ("state", input.State), ("labels", input.Labels), ("assignee", input.Assignee), ("creator", input.Creator), ("since", input.Since),
                        ("sort", input.Sort), ("direction", input.Direction), ("per_page", PerPage(input.PerPage)), ("page", input.Page)), ct);
                    return new GitHubIssuePage { Issues = page.Body, NextPage = page.NextPage };
                },
                ActionHints.Read("issues") with { LlmDescription = "List issues of owner/repo filtered by state, labels, assignee, creator or last update. Pass next_page back as page for more." }, Json),
            Define.Action<IssueInput, GitHubIssue>("get_issue", "Get one issue by number.",
                (input, ctx, ct) => GitHubApi.GetAsync<GitHubIssue>(ctx, ctx.Http.Path("repos/{owner}/{repo}/issues/{issue_number}", input.Owner, input.Repo, input.IssueNumber), ct),
                ActionHints.Read("issues"), Json),
            Define.Action<CreateIssueInput, GitHubIssue>("create_issue", "Open an issue in a repository.",
                (input, ctx, ct) => GitHubApi.SendBodyAsync<GitHubIssue>(ctx, HttpMethod.Post, ctx.Http.Path("repos/{owner}/{repo}/issues", input.Owner, input.Repo),
                    new { input.Title, input.Body, input.Labels, input.Assignees, input.Milestone }, ct),
                ActionHints.Write("issues") with { LlmDescription = "Open a new GitHub issue with a title, Markdown body, labels and assignees; returns the issue with its number and URL." }, Json),
            Define.Action<UpdateIssueInput, GitHubIssue>("update_issue", "Change an issue: close or reopen it, edit title or body, replace labels or assignees.",
                (input, ctx, ct) => GitHubApi.SendBodyAsync<GitHubIssue>(ctx, HttpMethod.Patch, ctx.Http.Path("repos/{owner}/{repo}/issues/{issue_number}", input.Owner, input.Repo, input.IssueNumber),
                    new { input.Title, input.Body, input.State, input.StateReason, input.Labels, input.Assignees, input.Milestone }, ct, idempotent: true),
                new ActionHints
                {
                    Destructive = true,
                    Idempotent = true,
                    Category = "issues",
                    LlmDescription = "Update a GitHub issue. state=closed (with state_reason completed or not_planned) closes it, state=open reopens it; labels and assignees replace the current ones.",
                }, Json),
            Define.Action<CreateIssueCommentInput, GitHubIssueComment>("create_issue_comment", "Comment on an issue or pull request.",
                (input, ctx, ct) => GitHubApi.SendBodyAsync<GitHubIssueComment>(ctx, HttpMethod.Post,
                    ctx.Http.Path("repos/{owner}/{repo}/issues/{issue_number}/comments", input.Owner, input.Repo, input.IssueNumber), new { input.Body }, ct),
                ActionHints.Write("issues") with { LlmDescription = "Add a Markdown comment to an issue or pull request by number." }, Json),
            Define.Action<SearchIssuesInput, GitHubIssueSearchResult>("search_issues", "Search issues and pull requests across GitHub with GitHub's search syntax.",
                async (input, ctx, ct) =>
                {
                    var page = await GitHubApi.GetPageAsync<GitHubIssueSearchResult>(ctx, GitHubApi.Query("search/issues",
                        ("q", input.Q), ("sort", input.Sort), ("order", input.Order), ("per_page", PerPage(input.PerPage)), ("page", input.Page)), ct);
                    return page.Body with { NextPage = page.NextPage };
                },
                ActionHints.Read("issues") with { LlmDescription = "Find issues or pull requests with a GitHub search query such as \"repo:owner/name is:issue is:open label:bug\". Search allows 30 requests a minute." }, Json),
            Define.Action<ListPullRequestsInput, GitHubPullRequestPage>("list_pull_requests", "List a repository's pull requests, one page at a time.",
                async (input, ctx, ct) =>
                {
                    var page = await GitHubApi.GetPageAsync<IReadOnlyList<GitHubPullRequest>>(ctx, GitHubApi.Query(ctx.Http.Path("repos/{owner}/{repo}/pulls", input.Owner, input.Repo),
                        ("state", input.State), ("head", input.Head), ("base", input.Base), ("sort", input.Sort), ("direction", input.Direction),
                        ("per_page", PerPage(input.PerPage)), ("page", input.Page)), ct);
                    return new GitHubPullRequestPage { PullRequests = page.Body, NextPage = page.NextPage };
                },
                ActionHints.Read("pull_requests") with { LlmDescription = "List pull requests of owner/repo by state, head or base branch. Pass next_page back as page for more." }, Json),
        },
        Triggers =
        {
            Webhook("issue_event", "An issue was opened, edited, closed, reopened, labeled or assigned, or a comment was written on one.",
                ["issues.opened", "issues.edited", "issues.closed", "issues.reopened", "issues.labeled", "issues.unlabeled", "issues.assigned",
                    "issues.unassigned", "issues.deleted", "issue_comment.created", "issue_comment.edited", "issue_comment.deleted"]),
            Webhook("pull_request_event", "A pull request was opened, edited, closed (merged or not), reopened or marked ready for review.",
                ["pull_request.opened", "pull_request.edited", "pull_request.closed", "pull_request.reopened", "pull_request.ready_for_review",
                    "pull_request.synchronize"]),
        },
        Entities =
        {
            Define.Entity<GitHubIssue>("issue", CdmCatalog.Issue, e => e
                .Native("Issue")
                .Id(i => i.Id)
                .UpdatedAt(i => i.UpdatedAt)
                .Supports(EntityOperations.List, "list_issues")
                .Supports(EntityOperations.Get, "get_issue")
                .Supports(EntityOperations.Create, "create_issue")
                .Supports(EntityOperations.Update, "update_issue")
                .Map(i => i.Id, CdmCatalog.Issue.Id, id => id.ToString(CultureInfo.InvariantCulture), (string? id) => long.TryParse(id, CultureInfo.InvariantCulture, out var v) ? v : 0)
                .Map(i => i.Number, CdmCatalog.Issue.Number)
                .Map(i => i.Title, CdmCatalog.Issue.Title)
                .Map(i => i.Body, CdmCatalog.Issue.Body)
                .Map(i => i.State, CdmCatalog.Issue.State)
                .Map(i => i.Labels, CdmCatalog.Issue.Labels, labels => labels?.Select(l => l.Name).ToList(),
                    (List<string>? names) => names?.Select(n => new GitHubLabel { Name = n }).ToList())
                .Map(i => i.Assignees, CdmCatalog.Issue.AssigneeIds, users => users?.Select(u => u.Id.ToString(CultureInfo.InvariantCulture)).ToList())
                .Map(i => i.User, CdmCatalog.Issue.AuthorId, user => user?.Id.ToString(CultureInfo.InvariantCulture))
                .Map(i => i.HtmlUrl, CdmCatalog.Issue.Url)
                .Map(i => i.CreatedAt, CdmCatalog.Issue.CreatedAt)
                .Map(i => i.UpdatedAt, CdmCatalog.Issue.UpdatedAt)
                .Map(i => i.ClosedAt, CdmCatalog.Issue.ClosedAt), Json),
            Define.Entity<GitHubUser>("user", CdmCatalog.User, e => e
                .Native("User")
                .Id(u => u.Id)
                .UpdatedAt(u => u.UpdatedAt)
                .Supports(EntityOperations.Get, "get_authenticated_user")
                .Map(u => u.Id, CdmCatalog.User.Id, id => id.ToString(CultureInfo.InvariantCulture))
                .Map(u => u.Login, CdmCatalog.User.Username)
                .Map(u => u.Name, CdmCatalog.User.DisplayName)
                .Map(u => u.Email, CdmCatalog.User.Email)
                .Map(u => u.AvatarUrl, CdmCatalog.User.AvatarUrl)
                .Map(u => u.CreatedAt, CdmCatalog.User.CreatedAt)
                .Map(u => u.UpdatedAt, CdmCatalog.User.UpdatedAt), Json),
        },
    };

    private static int? PerPage(int? perPage) => perPage is { } n ? Math.Clamp(n, 1, 100) : null;

    private static WebhookTriggerDefinition Webhook(string name, string description, IReadOnlyList<string> eventTypes) =>
        Define.WebhookTrigger(name, description, GitHubWebhooks.Verify, GitHubWebhooks.Extract, eventTypes) with
        {
            Subscribe = (subscription, ctx, ct) => SubscribeAsync(subscription, eventTypes, ctx, ct),
            Unsubscribe = UnsubscribeAsync,
        };

    /// <summary>
    /// Creates a repository webhook (POST /repos/{owner}/{repo}/hooks) with a fresh secret; the repository is the
    /// subscription's <c>repository</c> parameter (<c>owner/repo</c>), else the connection's <c>repository</c> value.
    /// </summary>
    private static async Task<WebhookSubscription> SubscribeAsync(WebhookSubscription subscription, IReadOnlyList<string> triggerTypes,
        ConnectorContext ctx, CancellationToken ct)
    {
        var (owner, repo) = Repository(subscription.Parameter("repository") ?? ctx.Auth.Find("repository"));
        var wanted = subscription.EventTypes.Count > 0 ? subscription.EventTypes : triggerTypes;
        var events = wanted.Select(t => t.Split('.')[0]).Distinct(StringComparer.Ordinal).ToList();
        var secret = subscription.SuggestedSecret ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var hook = await GitHubApi.SendBodyAsync<HookCreated>(ctx, HttpMethod.Post, ctx.Http.Path("repos/{owner}/{repo}/hooks", owner, repo), new
        {
            Name = "web",
            Active = true,
            Events = events,
            Config = new { Url = subscription.CallbackUrl, ContentType = "json", Secret = secret, InsecureSsl = "0" },
        }, ct);
        return subscription with { ExternalId = $"{owner}/{repo}/{hook.Id.ToString(CultureInfo.InvariantCulture)}", SigningSecret = secret };
    }

    /// <summary>Deletes the hook made by <see cref="SubscribeAsync"/> (DELETE /repos/{owner}/{repo}/hooks/{hook_id}).</summary>
    private static Task UnsubscribeAsync(WebhookSubscription subscription, ConnectorContext ctx, CancellationToken ct)
    {
        var parts = subscription.ExternalId?.Split('/') ?? [];
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var hookId))
        {
            throw new ConnectorValidationException($"'{subscription.ExternalId}' is not a GitHub webhook id of the form owner/repo/hook_id.", "$.external_id");
        }

        return GitHubApi.DeleteAsync(ctx, ctx.Http.Path("repos/{owner}/{repo}/hooks/{hook_id}", parts[0], parts[1], hookId), ct);
    }

    private static (string Owner, string Repo) Repository(string? value)
    {
        var parts = value?.Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        return parts.Length == 2
            ? (parts[0], parts[1])
            : throw new ConnectorValidationException(
                "GitHub webhooks are created per repository: pass the subscription parameter 'repository' as owner/repo (e.g. {\"repository\": \"octocat/hello-world\"}).", "$.parameters.repository");
    }

    private sealed record HookCreated(long Id);
}

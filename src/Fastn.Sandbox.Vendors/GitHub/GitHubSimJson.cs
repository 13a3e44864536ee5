using System.Globalization;
using System.Text.Json.Nodes;

namespace Fastn.Sandbox.Vendors.GitHub;

/// <summary>GitHub's JSON shapes (simple-user, private-user, repository, issue, label, issue-comment, pull-request-simple, hook) exactly as the REST API writes them.</summary>
internal sealed class GitHubSimJson(string apiBase)
{
    public string Api { get; } = apiBase.TrimEnd('/');

    private string Web => Api;

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonNode? Time(DateTimeOffset? at) => at is { } t ? Time(t) : null;

    private static string NodeId(string prefix, long id) => prefix + "_kgDO" + Convert.ToBase64String(BitConverter.GetBytes(id)).TrimEnd('=').Replace('+', 'A').Replace('/', 'B');

    public JsonObject SimpleUser(SimUser u) => new()
    {
        ["login"] = u.Login,
        ["id"] = u.Id,
        ["node_id"] = NodeId(u.Type == "Organization" ? "O" : "U", u.Id),
        ["avatar_url"] = $"https://avatars.githubusercontent.com/u/{u.Id}?v=4",
        ["gravatar_id"] = "",
        ["url"] = $"{Api}/users/{u.Login}",
        ["html_url"] = $"{Web}/{u.Login}",
        ["followers_url"] = $"{Api}/users/{u.Login}/followers",
        ["following_url"] = $"{Api}/users/{u.Login}/following{{/other_user}}",
        ["gists_url"] = $"{Api}/users/{u.Login}/gists{{/gist_id}}",
        ["starred_url"] = $"{Api}/users/{u.Login}/starred{{/owner}}{{/repo}}",
        ["subscriptions_url"] = $"{Api}/users/{u.Login}/subscriptions",
        ["organizations_url"] = $"{Api}/users/{u.Login}/orgs",
        ["repos_url"] = $"{Api}/users/{u.Login}/repos",
        ["events_url"] = $"{Api}/users/{u.Login}/events{{/privacy}}",
        ["received_events_url"] = $"{Api}/users/{u.Login}/received_events",
        ["type"] = u.Type,
        ["site_admin"] = false,
    };

    public JsonObject PrivateUser(SimUser u, int publicRepos, int privateRepos)
    {
        var user = SimpleUser(u);
        user["name"] = u.Name;
        user["company"] = u.Company;
        user["blog"] = u.Blog;
        user["location"] = u.Location;
        user["email"] = u.Email;
        user["hireable"] = null;
        user["bio"] = u.Bio;
        user["twitter_username"] = null;
        user["public_repos"] = publicRepos;
        user["public_gists"] = 2;
        user["followers"] = 41;
        user["following"] = 7;
        user["created_at"] = Time(u.CreatedAt);
        user["updated_at"] = Time(u.UpdatedAt);
        user["private_gists"] = 1;
        user["total_private_repos"] = privateRepos;
        user["owned_private_repos"] = privateRepos;
        user["disk_usage"] = 10240;
        user["collaborators"] = 2;
        user["two_factor_authentication"] = true;
        user["plan"] = new JsonObject { ["name"] = "pro", ["space"] = 976562499, ["private_repos"] = 9999, ["collaborators"] = 0 };
        return user;
    }

    public JsonObject Repository(SimRepo r, bool full = false)
    {
        var u = $"{Api}/repos/{r.FullName}";
        var open = 0;
        var repo = new JsonObject
        {
            ["id"] = r.Id,
            ["node_id"] = NodeId("R", r.Id),
            ["name"] = r.Name,
            ["full_name"] = r.FullName,
            ["private"] = r.Private,
            ["owner"] = SimpleUser(r.Owner),
            ["html_url"] = $"{Web}/{r.FullName}",
            ["description"] = r.Description,
            ["fork"] = false,
            ["url"] = u,
            ["forks_url"] = u + "/forks",
            ["keys_url"] = u + "/keys{/key_id}",
            ["collaborators_url"] = u + "/collaborators{/collaborator}",
            ["teams_url"] = u + "/teams",
            ["hooks_url"] = u + "/hooks",
            ["issue_events_url"] = u + "/issues/events{/number}",
            ["events_url"] = u + "/events",
            ["assignees_url"] = u + "/assignees{/user}",
            ["branches_url"] = u + "/branches{/branch}",
            ["tags_url"] = u + "/tags",
            ["blobs_url"] = u + "/git/blobs{/sha}",
            ["git_tags_url"] = u + "/git/tags{/sha}",
            ["git_refs_url"] = u + "/git/refs{/sha}",
            ["trees_url"] = u + "/git/trees{/sha}",
            ["statuses_url"] = u + "/statuses/{sha}",
            ["languages_url"] = u + "/languages",
            ["stargazers_url"] = u + "/stargazers",
            ["contributors_url"] = u + "/contributors",
            ["subscribers_url"] = u + "/subscribers",
            ["subscription_url"] = u + "/subscription",
            ["commits_url"] = u + "/commits{/sha}",
            ["git_commits_url"] = u + "/git/commits{/sha}",
            ["comments_url"] = u + "/comments{/number}",
            ["issue_comment_url"] = u + "/issues/comments{/number}",
            ["contents_url"] = u + "/contents/{+path}",
            ["compare_url"] = u + "/compare/{base}...{head}",
            ["merges_url"] = u + "/merges",
            ["archive_url"] = u + "/{archive_format}{/ref}",
            ["downloads_url"] = u + "/downloads",
            ["issues_url"] = u + "/issues{/number}",
            ["pulls_url"] = u + "/pulls{/number}",
            ["milestones_url"] = u + "/milestones{/number}",
            ["notifications_url"] = u + "/notifications{?since,all,participating}",
            ["labels_url"] = u + "/labels{/name}",
            ["releases_url"] = u + "/releases{/id}",
            ["deployments_url"] = u + "/deployments",
            ["created_at"] = Time(r.CreatedAt),
            ["updated_at"] = Time(r.UpdatedAt),
            ["pushed_at"] = Time(r.PushedAt),
            ["git_url"] = $"git://sandbox.github.local/{r.FullName}.git",
            ["ssh_url"] = $"git@sandbox.github.local:{r.FullName}.git",
            ["clone_url"] = $"{Web}/{r.FullName}.git",
            ["svn_url"] = $"{Web}/{r.FullName}",
            ["homepage"] = null,
            ["size"] = 1024 + (int)(r.Id % 5000),
            ["stargazers_count"] = r.Stars,
            ["watchers_count"] = r.Stars,
            ["language"] = r.Language,
            ["has_issues"] = true,
            ["has_projects"] = true,
            ["has_downloads"] = true,
            ["has_wiki"] = true,
            ["has_pages"] = false,
            ["has_discussions"] = false,
            ["forks_count"] = r.Forks,
            ["mirror_url"] = null,
            ["archived"] = false,
            ["disabled"] = false,
            ["open_issues_count"] = open,
            ["license"] = new JsonObject
            {
                ["key"] = "mit",
                ["name"] = "MIT License",
                ["spdx_id"] = "MIT",
                ["url"] = $"{Api}/licenses/mit",
                ["node_id"] = "MDc6TGljZW5zZTEz",
            },
            ["allow_forking"] = true,
            ["is_template"] = false,
            ["web_commit_signoff_required"] = false,
            ["topics"] = new JsonArray([.. r.Topics.Select(t => (JsonNode)JsonValue.Create(t))]),
            ["visibility"] = r.Private ? "private" : "public",
            ["forks"] = r.Forks,
            ["open_issues"] = open,
            ["watchers"] = r.Stars,
            ["default_branch"] = r.DefaultBranch,
            ["permissions"] = new JsonObject { ["admin"] = true, ["maintain"] = true, ["push"] = true, ["triage"] = true, ["pull"] = true },
        };
        if (full)
        {
            repo["network_count"] = r.Forks;
            repo["subscribers_count"] = 3;
        }

        return repo;
    }

    public JsonObject WithOpenIssues(JsonObject repo, int open)
    {
        repo["open_issues_count"] = open;
        repo["open_issues"] = open;
        return repo;
    }

    public JsonObject Label(SimRepo r, SimLabel l) => new()
    {
        ["id"] = l.Id,
        ["node_id"] = NodeId("LA", l.Id),
        ["url"] = $"{Api}/repos/{r.FullName}/labels/{Uri.EscapeDataString(l.Name)}",
        ["name"] = l.Name,
        ["color"] = l.Color,
        ["default"] = l.Default,
        ["description"] = l.Description,
    };

    public JsonObject Issue(SimIssue i, double? score = null)
    {
        var u = $"{Api}/repos/{i.Repo.FullName}/issues/{i.Number}";
        var issue = new JsonObject
        {
            ["url"] = u,
            ["repository_url"] = $"{Api}/repos/{i.Repo.FullName}",
            ["labels_url"] = u + "/labels{/name}",
            ["comments_url"] = u + "/comments",
            ["events_url"] = u + "/events",
            ["html_url"] = $"{Web}/{i.Repo.FullName}/{(i.Pull is null ? "issues" : "pull")}/{i.Number}",
            ["id"] = i.Id,
            ["node_id"] = NodeId(i.Pull is null ? "I" : "PR", i.Id),
            ["number"] = i.Number,
            ["title"] = i.Title,
            ["user"] = SimpleUser(i.User),
            ["labels"] = new JsonArray([.. i.Labels.Select(l => (JsonNode)Label(i.Repo, l))]),
            ["state"] = i.State,
            ["locked"] = false,
            ["assignee"] = i.Assignees.Count > 0 ? SimpleUser(i.Assignees[0]) : null,
            ["assignees"] = new JsonArray([.. i.Assignees.Select(a => (JsonNode)SimpleUser(a))]),
            ["milestone"] = null,
            ["comments"] = i.Comments,
            ["created_at"] = Time(i.CreatedAt),
            ["updated_at"] = Time(i.UpdatedAt),
            ["closed_at"] = Time(i.ClosedAt),
            ["author_association"] = i.User.Id == i.Repo.Owner.Id ? "OWNER" : "COLLABORATOR",
            ["active_lock_reason"] = null,
            ["body"] = i.Body,
            ["reactions"] = Reactions(u + "/reactions"),
            ["timeline_url"] = u + "/timeline",
            ["performed_via_github_app"] = null,
            ["state_reason"] = i.StateReason,
        };
        if (i.Pull is { } pull)
        {
            var p = $"{Api}/repos/{i.Repo.FullName}/pulls/{i.Number}";
            issue["draft"] = pull.Draft;
            issue["pull_request"] = new JsonObject
            {
                ["url"] = p,
                ["html_url"] = $"{Web}/{i.Repo.FullName}/pull/{i.Number}",
                ["diff_url"] = $"{Web}/{i.Repo.FullName}/pull/{i.Number}.diff",
                ["patch_url"] = $"{Web}/{i.Repo.FullName}/pull/{i.Number}.patch",
                ["merged_at"] = Time(pull.MergedAt),
            };
        }

        if (score is { } s)
        {
            issue["score"] = s;
            if (i.Body is null)
            {
                // The search result schema has a non-nullable body: GitHub leaves it out.
                issue.Remove("body");
            }
        }

        return issue;
    }

    public JsonObject Comment(SimComment c)
    {
        var u = $"{Api}/repos/{c.Issue.Repo.FullName}/issues/comments/{c.Id}";
        return new JsonObject
        {
            ["url"] = u,
            ["html_url"] = $"{Web}/{c.Issue.Repo.FullName}/issues/{c.Issue.Number}#issuecomment-{c.Id}",
            ["issue_url"] = $"{Api}/repos/{c.Issue.Repo.FullName}/issues/{c.Issue.Number}",
            ["id"] = c.Id,
            ["node_id"] = NodeId("IC", c.Id),
            ["user"] = SimpleUser(c.User),
            ["created_at"] = Time(c.CreatedAt),
            ["updated_at"] = Time(c.UpdatedAt),
            ["author_association"] = c.User.Id == c.Issue.Repo.Owner.Id ? "OWNER" : "COLLABORATOR",
            ["body"] = c.Body,
            ["reactions"] = Reactions(u + "/reactions"),
            ["performed_via_github_app"] = null,
        };
    }

    public JsonObject PullRequest(SimIssue i)
    {
        var pull = i.Pull!;
        var r = i.Repo;
        var p = $"{Api}/repos/{r.FullName}/pulls/{i.Number}";
        var issueUrl = $"{Api}/repos/{r.FullName}/issues/{i.Number}";
        JsonObject Link(string href) => new() { ["href"] = href };
        JsonObject Branch(string name, string sha) => new()
        {
            ["label"] = $"{r.Owner.Login}:{name}",
            ["ref"] = name,
            ["sha"] = sha,
            ["user"] = SimpleUser(r.Owner),
            ["repo"] = Repository(r),
        };
        return new JsonObject
        {
            ["url"] = p,
            ["id"] = pull.Id,
            ["node_id"] = NodeId("PR", pull.Id),
            ["html_url"] = $"{Web}/{r.FullName}/pull/{i.Number}",
            ["diff_url"] = $"{Web}/{r.FullName}/pull/{i.Number}.diff",
            ["patch_url"] = $"{Web}/{r.FullName}/pull/{i.Number}.patch",
            ["issue_url"] = issueUrl,
            ["commits_url"] = p + "/commits",
            ["review_comments_url"] = p + "/comments",
            ["review_comment_url"] = $"{Api}/repos/{r.FullName}/pulls/comments{{/number}}",
            ["comments_url"] = issueUrl + "/comments",
            ["statuses_url"] = $"{Api}/repos/{r.FullName}/statuses/{pull.HeadSha}",
            ["number"] = i.Number,
            ["state"] = i.State,
            ["locked"] = false,
            ["title"] = i.Title,
            ["user"] = SimpleUser(i.User),
            ["body"] = i.Body,
            ["labels"] = new JsonArray([.. i.Labels.Select(l => (JsonNode)Label(r, l))]),
            ["milestone"] = null,
            ["active_lock_reason"] = null,
            ["created_at"] = Time(i.CreatedAt),
            ["updated_at"] = Time(i.UpdatedAt),
            ["closed_at"] = Time(i.ClosedAt),
            ["merged_at"] = Time(pull.MergedAt),
            ["merge_commit_sha"] = pull.MergeCommitSha,
            ["assignee"] = i.Assignees.Count > 0 ? SimpleUser(i.Assignees[0]) : null,
            ["assignees"] = new JsonArray([.. i.Assignees.Select(a => (JsonNode)SimpleUser(a))]),
            ["requested_reviewers"] = new JsonArray(),
            ["requested_teams"] = new JsonArray(),
            ["head"] = Branch(pull.HeadRef, pull.HeadSha),
            ["base"] = Branch(r.DefaultBranch, pull.BaseSha),
            ["_links"] = new JsonObject
            {
                ["self"] = Link(p),
                ["html"] = Link($"{Web}/{r.FullName}/pull/{i.Number}"),
                ["issue"] = Link(issueUrl),
                ["comments"] = Link(issueUrl + "/comments"),
                ["review_comments"] = Link(p + "/comments"),
                ["review_comment"] = Link($"{Api}/repos/{r.FullName}/pulls/comments{{/number}}"),
                ["commits"] = Link(p + "/commits"),
                ["statuses"] = Link($"{Api}/repos/{r.FullName}/statuses/{pull.HeadSha}"),
            },
            ["author_association"] = i.User.Id == r.Owner.Id ? "OWNER" : "COLLABORATOR",
            ["auto_merge"] = null,
            ["draft"] = pull.Draft,
        };
    }

    public JsonObject Hook(SimHook h)
    {
        var u = $"{Api}/repos/{h.Repo.FullName}/hooks/{h.Id}";
        var config = new JsonObject { ["content_type"] = h.ContentType, ["insecure_ssl"] = h.InsecureSsl, ["url"] = h.Url };
        if (h.Secret is not null)
        {
            config["secret"] = "********";
        }

        return new JsonObject
        {
            ["type"] = "Repository",
            ["id"] = h.Id,
            ["name"] = "web",
            ["active"] = h.Active,
            ["events"] = new JsonArray([.. h.Events.Select(e => (JsonNode)JsonValue.Create(e))]),
            ["config"] = config,
            ["updated_at"] = Time(h.UpdatedAt),
            ["created_at"] = Time(h.CreatedAt),
            ["url"] = u,
            ["test_url"] = u + "/test",
            ["ping_url"] = u + "/pings",
            ["deliveries_url"] = u + "/deliveries",
            ["last_response"] = new JsonObject { ["code"] = h.LastCode, ["status"] = h.LastStatus, ["message"] = h.LastMessage },
        };
    }

    private static JsonObject Reactions(string url) => new()
    {
        ["url"] = url,
        ["total_count"] = 0,
        ["+1"] = 0,
        ["-1"] = 0,
        ["laugh"] = 0,
        ["hooray"] = 0,
        ["confused"] = 0,
        ["heart"] = 0,
        ["rocket"] = 0,
        ["eyes"] = 0,
    };
}

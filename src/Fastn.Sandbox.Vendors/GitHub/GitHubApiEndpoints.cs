using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.GitHub;

/// <summary>
/// The REST paths the GitHub connector calls, answering like api.github.com: token auth (<c>Bearer</c> or <c>token</c>),
/// a required User-Agent, <c>x-ratelimit-*</c> headers, <c>Link</c> pagination, <c>{message, documentation_url}</c>
/// errors, 422 <c>Validation Failed</c> with <c>errors[]</c>, and webhooks fired by the changes made.
/// </summary>
internal static class GitHubApiEndpoints
{
    private const string Docs = "https://docs.github.com/rest";

    public static void MapGitHubApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("").DisableAntiforgery();
        api.MapGet("/user", (HttpContext c, GitHubSimulation s) => Run(c, s, "core", (_, token, json) =>
        {
            var viewer = s.User(token.UserId)!;
            var mine = s.Repos.Where(r => r.Owner == viewer).ToList();
            return Ok(json.PrivateUser(viewer, mine.Count(r => !r.Private), mine.Count(r => r.Private)));
        }));
        api.MapGet("/user/repos", (HttpContext c, GitHubSimulation s) => Run(c, s, "core", (ctx, token, json) =>
        {
            var viewer = s.User(token.UserId)!;
            var q = ctx.Request.Query;
            IEnumerable<SimRepo> repos = s.Repos.Where(r => r.Owner == viewer || r.Collaborators.Contains(viewer));
            var visibility = Q(q, "visibility") ?? "all";
            if (visibility is not ("all" or "public" or "private"))
            {
                return Invalid(ctx, "visibility", "invalid", "Repository", "https://docs.github.com/rest/repos/repos#list-repositories-for-the-authenticated-user");
            }

            repos = visibility switch { "public" => repos.Where(r => !r.Private), "private" => repos.Where(r => r.Private), _ => repos };
            var sort = Q(q, "sort") ?? "full_name";
            var desc = (Q(q, "direction") ?? (sort == "full_name" ? "asc" : "desc")) == "desc";
            Func<SimRepo, object> key = sort switch
            {
                "created" => r => r.CreatedAt,
                "updated" => r => r.UpdatedAt,
                "pushed" => r => r.PushedAt,
                _ => r => r.FullName,
            };
            var ordered = desc ? repos.OrderByDescending(key) : repos.OrderBy(key);
            return Page(ctx, ordered.Select(r => (JsonNode)json.WithOpenIssues(json.Repository(r), s.OpenIssues(r))).ToList());
        }));
        api.MapGet("/repos/{owner}/{repo}", (HttpContext c, GitHubSimulation s, string owner, string repo) => Run(c, s, "core", (ctx, _, json) =>
            s.Repo(owner, repo) is { } r ? Ok(json.WithOpenIssues(json.Repository(r, full: true), s.OpenIssues(r)))
                : NotFound("https://docs.github.com/rest/repos/repos#get-a-repository")));
        api.MapGet("/repos/{owner}/{repo}/issues", (HttpContext c, GitHubSimulation s, string owner, string repo) => Run(c, s, "core", (ctx, _, json) =>
        {
            if (s.Repo(owner, repo) is not { } r)
            {
                return NotFound("https://docs.github.com/rest/issues/issues#list-repository-issues");
            }

            var q = ctx.Request.Query;
            var state = Q(q, "state") ?? "open";
            if (state is not ("open" or "closed" or "all"))
            {
                return Invalid(ctx, "state", "invalid", "Issue", "https://docs.github.com/rest/issues/issues#list-repository-issues");
            }

            IEnumerable<SimIssue> issues = s.Issues.Where(i => i.Repo == r && (state == "all" || i.State == state));
            if (Q(q, "labels") is { } labels)
            {
                var wanted = labels.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                issues = issues.Where(i => wanted.All(w => i.Labels.Any(l => string.Equals(l.Name, w, StringComparison.OrdinalIgnoreCase))));
            }

            if (Q(q, "assignee") is { } assignee)
            {
                issues = assignee switch
                {
                    "none" => issues.Where(i => i.Assignees.Count == 0),
                    "*" => issues.Where(i => i.Assignees.Count > 0),
                    _ => issues.Where(i => i.Assignees.Any(a => string.Equals(a.Login, assignee, StringComparison.OrdinalIgnoreCase))),
                };
            }

            if (Q(q, "creator") is { } creator)
            {
                issues = issues.Where(i => string.Equals(i.User.Login, creator, StringComparison.OrdinalIgnoreCase));
            }

            if (Q(q, "since") is { } since)
            {
                if (!DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    return Invalid(ctx, "since", "invalid", "Issue", "https://docs.github.com/rest/issues/issues#list-repository-issues");
                }

                issues = issues.Where(i => i.UpdatedAt >= at);
            }

            var sort = Q(q, "sort") ?? "created";
            Func<SimIssue, object> key = sort switch { "updated" => i => i.UpdatedAt, "comments" => i => i.Comments, _ => i => i.CreatedAt };
            var ordered = (Q(q, "direction") ?? "desc") == "asc" ? issues.OrderBy(key) : issues.OrderByDescending(key);
            return Page(ctx, ordered.Select(i => (JsonNode)json.Issue(i)).ToList());
        }));
        api.MapGet("/repos/{owner}/{repo}/issues/{number:int}", (HttpContext c, GitHubSimulation s, string owner, string repo, int number) => Run(c, s, "core", (ctx, _, json) =>
            s.Repo(owner, repo) is { } r && s.Issue(r, number) is { } i ? Ok(json.Issue(i)) : NotFound("https://docs.github.com/rest/issues/issues#get-an-issue")));
        api.MapPost("/repos/{owner}/{repo}/issues", (HttpContext c, GitHubSimulation s, GitHubWebhookSender sender, string owner, string repo) => RunAsync(c, s, async (ctx, token, json) =>
        {
            const string docs = "https://docs.github.com/rest/issues/issues#create-an-issue";
            if (s.Repo(owner, repo) is not { } r)
            {
                return NotFound(docs);
            }

            var body = await ReadBodyAsync(ctx);
            if (body is null)
            {
                return Problem(400, "Problems parsing JSON", docs);
            }

            if (body["title"] is not JsonValue title || !title.TryGetValue<string>(out var titleText) || titleText.Length == 0)
            {
                return Invalid(ctx, "title", "missing_field", "Issue", docs);
            }

            SimIssue issue;
            lock (s.Sync)
            {
                var viewer = s.User(token.UserId)!;
                if (!TryAssignees(s, r, body["assignees"], out var assignees))
                {
                    return Invalid(ctx, "assignees", "invalid", "Issue", docs);
                }

                issue = s.AddIssue(r, viewer, titleText, Text(body["body"]));
                issue.Labels = [.. Strings(body["labels"]).Select(n => s.LabelFor(r, n))];
                issue.Assignees = assignees;
            }

            Fire(s, sender, json, r, "issues", "opened", issue);
            return Created(json.Issue(issue), $"{json.Api}/repos/{r.FullName}/issues/{issue.Number}");
        }));
        api.MapPatch("/repos/{owner}/{repo}/issues/{number:int}", (HttpContext c, GitHubSimulation s, GitHubWebhookSender sender, string owner, string repo, int number) => RunAsync(c, s, async (ctx, token, json) =>
        {
            const string docs = "https://docs.github.com/rest/issues/issues#update-an-issue";
            if (s.Repo(owner, repo) is not { } r || s.Issue(r, number) is not { } issue)
            {
                return NotFound(docs);
            }

            var body = await ReadBodyAsync(ctx);
            if (body is null)
            {
                return Problem(400, "Problems parsing JSON", docs);
            }

            var action = "edited";
            lock (s.Sync)
            {
                var state = Text(body["state"]);
                var reason = Text(body["state_reason"]);
                if (state is not (null or "open" or "closed"))
                {
                    return Invalid(ctx, "state", "invalid", "Issue", docs);
                }

                if (reason is not (null or "completed" or "not_planned" or "reopened"))
                {
                    return Invalid(ctx, "state_reason", "invalid", "Issue", docs);
                }

                if (body.ContainsKey("title") && string.IsNullOrEmpty(Text(body["title"])))
                {
                    return Invalid(ctx, "title", "missing_field", "Issue", docs);
                }

                List<SimUser> assignees = [];
                if (body.ContainsKey("assignees") && !TryAssignees(s, r, body["assignees"], out assignees))
                {
                    return Invalid(ctx, "assignees", "invalid", "Issue", docs);
                }

                var now = s.Time.GetUtcNow();
                if (Text(body["title"]) is { } title)
                {
                    issue.Title = title;
                }

                if (body.ContainsKey("body"))
                {
                    issue.Body = Text(body["body"]);
                }

                if (body.ContainsKey("labels"))
                {
                    issue.Labels = [.. Strings(body["labels"]).Select(n => s.LabelFor(r, n))];
                    action = "labeled";
                }

                if (body.ContainsKey("assignees"))
                {
                    issue.Assignees = assignees;
                    action = "assigned";
                }

                if (state == "closed" && issue.State != "closed")
                {
                    issue.State = "closed";
                    issue.StateReason = reason ?? "completed";
                    issue.ClosedAt = now;
                    action = "closed";
                }
                else if (state == "open" && issue.State != "open")
                {
                    issue.State = "open";
                    issue.StateReason = "reopened";
                    issue.ClosedAt = null;
                    action = "reopened";
                }

                issue.UpdatedAt = now;
            }

            Fire(s, sender, json, r, "issues", action, issue);
            return Ok(json.Issue(issue));
        }));
        api.MapPost("/repos/{owner}/{repo}/issues/{number:int}/comments", (HttpContext c, GitHubSimulation s, GitHubWebhookSender sender, string owner, string repo, int number) => RunAsync(c, s, async (ctx, token, json) =>
        {
            const string docs = "https://docs.github.com/rest/issues/comments#create-an-issue-comment";
            if (s.Repo(owner, repo) is not { } r || s.Issue(r, number) is not { } issue)
            {
                return NotFound(docs);
            }

            var body = await ReadBodyAsync(ctx);
            if (body is null)
            {
                return Problem(400, "Problems parsing JSON", docs);
            }

            if (string.IsNullOrEmpty(Text(body["body"])))
            {
                return Invalid(ctx, "body", "missing_field", "IssueComment", docs);
            }

            SimComment comment;
            lock (s.Sync)
            {
                comment = s.AddComment(issue, s.User(token.UserId)!, Text(body["body"])!);
            }

            Fire(s, sender, json, r, "issue_comment", "created", issue, comment);
            return Created(json.Comment(comment), $"{json.Api}/repos/{r.FullName}/issues/comments/{comment.Id}");
        }));
        api.MapGet("/search/issues", (HttpContext c, GitHubSimulation s) => Run(c, s, "search", (ctx, _, json) =>
        {
            const string docs = "https://docs.github.com/rest/search/search#search-issues-and-pull-requests";
            var q = Q(ctx.Request.Query, "q");
            if (q is null)
            {
                return Invalid(ctx, "q", "missing", "Search", docs);
            }

            var matches = Search(s, q).ToList();
            var order = (Q(ctx.Request.Query, "order") ?? "desc") == "asc";
            matches = (Q(ctx.Request.Query, "sort") switch
            {
                "created" => order ? matches.OrderBy(i => i.CreatedAt) : matches.OrderByDescending(i => i.CreatedAt),
                "updated" => order ? matches.OrderBy(i => i.UpdatedAt) : matches.OrderByDescending(i => i.UpdatedAt),
                "comments" => order ? matches.OrderBy(i => i.Comments) : matches.OrderByDescending(i => i.Comments),
                _ => matches.OrderByDescending(i => i.UpdatedAt),
            }).ToList();
            var (page, perPage) = Paging(ctx);
            var items = matches.Skip((page - 1) * perPage).Take(perPage).Select(i => (JsonNode)json.Issue(i, score: 1.0)).ToList();
            SetLink(ctx, page, perPage, matches.Count);
            return Ok(new JsonObject { ["total_count"] = matches.Count, ["incomplete_results"] = false, ["items"] = new JsonArray([.. items]) });
        }));
        api.MapGet("/repos/{owner}/{repo}/pulls", (HttpContext c, GitHubSimulation s, string owner, string repo) => Run(c, s, "core", (ctx, _, json) =>
        {
            if (s.Repo(owner, repo) is not { } r)
            {
                return NotFound("https://docs.github.com/rest/pulls/pulls#list-pull-requests");
            }

            var q = ctx.Request.Query;
            var state = Q(q, "state") ?? "open";
            IEnumerable<SimIssue> pulls = s.Issues.Where(i => i.Repo == r && i.Pull is not null && (state == "all" || i.State == state));
            if (Q(q, "head") is { } head)
            {
                pulls = pulls.Where(i => $"{r.Owner.Login}:{i.Pull!.HeadRef}".Equals(head, StringComparison.OrdinalIgnoreCase));
            }

            if (Q(q, "base") is { } baseRef)
            {
                pulls = pulls.Where(_ => r.DefaultBranch == baseRef);
            }

            var sort = Q(q, "sort") ?? "created";
            Func<SimIssue, object> key = sort == "updated" ? i => i.UpdatedAt : i => i.CreatedAt;
            var ordered = (Q(q, "direction") ?? "desc") == "asc" ? pulls.OrderBy(key) : pulls.OrderByDescending(key);
            return Page(ctx, ordered.Select(i => (JsonNode)json.PullRequest(i)).ToList());
        }));
        api.MapPost("/repos/{owner}/{repo}/hooks", (HttpContext c, GitHubSimulation s, GitHubWebhookSender sender, string owner, string repo) => RunAsync(c, s, async (ctx, _, json) =>
        {
            const string docs = "https://docs.github.com/rest/repos/webhooks#create-a-repository-webhook";
            if (s.Repo(owner, repo) is not { } r)
            {
                return NotFound(docs);
            }

            var body = await ReadBodyAsync(ctx);
            if (body is null)
            {
                return Problem(400, "Problems parsing JSON", docs);
            }

            var config = body["config"] as JsonObject;
            var url = Text(config?["url"]);
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var hookUri) || hookUri.Scheme is not ("http" or "https"))
            {
                return Invalid(ctx, "url", url is null ? "missing_field" : "custom", "Hook", docs);
            }

            var events = body.ContainsKey("events") ? Strings(body["events"]).ToList() : ["push"];
            var now = s.Time.GetUtcNow();
            var hook = new SimHook
            {
                Id = s.NextId(),
                Repo = r,
                Url = url,
                Secret = Text(config?["secret"]),
                ContentType = Text(config?["content_type"]) ?? "form",
                InsecureSsl = Text(config?["insecure_ssl"]) ?? "0",
                Events = events,
                Active = body["active"] is not JsonValue active || !active.TryGetValue<bool>(out var a) || a,
                CreatedAt = now,
                UpdatedAt = now,
            };
            lock (s.Sync)
            {
                s.Hooks.Add(hook);
            }

            Send(s, sender, hook, "ping", Ping(json, hook));
            return Created(json.Hook(hook), $"{json.Api}/repos/{r.FullName}/hooks/{hook.Id}");
        }));
        api.MapDelete("/repos/{owner}/{repo}/hooks/{id:long}", (HttpContext c, GitHubSimulation s, string owner, string repo, long id) => Run(c, s, "core", (_, _, _) =>
        {
            lock (s.Sync)
            {
                var hook = s.Hooks.FirstOrDefault(h => h.Id == id && h.Repo == s.Repo(owner, repo));
                if (hook is null)
                {
                    return NotFound("https://docs.github.com/rest/repos/webhooks#delete-a-repository-webhook");
                }

                s.Hooks.Remove(hook);
            }

            return Results.NoContent();
        }));
        api.MapPost("/repos/{owner}/{repo}/hooks/{id:long}/pings", (HttpContext c, GitHubSimulation s, GitHubWebhookSender sender, string owner, string repo, long id) => Run(c, s, "core", (_, _, json) =>
        {
            var hook = s.Hooks.FirstOrDefault(h => h.Id == id && h.Repo == s.Repo(owner, repo));
            if (hook is null)
            {
                return NotFound("https://docs.github.com/rest/repos/webhooks#ping-a-repository-webhook");
            }

            Send(s, sender, hook, "ping", Ping(json, hook));
            return Results.NoContent();
        }));

        // Sandbox control (not GitHub's API): deliver one signed event to any URL and wait for the answer.
        routes.MapPost("/_sandbox/webhooks/deliver", async (HttpContext ctx, GitHubSimulation s, GitHubWebhookSender sender, SandboxUrls urls) =>
        {
            var body = await ReadBodyAsync(ctx);
            var url = Text(body?["url"]);
            if (body is null || url is null)
            {
                return Problem(422, "Send {\"url\", \"secret\", \"event\": \"issues\", \"action\": \"opened\", \"owner\", \"repo\", \"issue_number\"}.", Docs);
            }

            var json = new GitHubSimJson(urls.AppBaseUrl(ctx, GitHubSandboxApp.AppName));
            var r = s.Repo(Text(body["owner"]) ?? GitHubSimulation.ViewerLogin, Text(body["repo"]) ?? "hello-world");
            if (r is null)
            {
                return NotFound(Docs);
            }

            var number = body["issue_number"] is JsonValue n && n.TryGetValue<int>(out var value) ? value : s.Issues.First(i => i.Repo == r && i.Pull is null).Number;
            var issue = s.Issue(r, number);
            if (issue is null)
            {
                return NotFound(Docs);
            }

            var eventName = Text(body["event"]) ?? "issues";
            var payload = eventName == "ping"
                ? new JsonObject { ["zen"] = "Keep it logically awesome.", ["hook_id"] = 0, ["repository"] = json.Repository(r), ["sender"] = json.SimpleUser(s.Viewer) }
                : EventPayload(s, json, r, Text(body["action"]) ?? "opened", eventName == "issue_comment" ? null : issue, eventName);
            var delivery = await sender.DeliverAsync(url, Text(body["secret"]), eventName, payload, null, r.Id, ctx.RequestAborted);
            return Results.Json(delivery, JsonSerializerOptions.Web);
        }).DisableAntiforgery();
        routes.MapGet("/_sandbox/webhooks/deliveries", (GitHubWebhookSender sender) => Results.Json(sender.Deliveries, JsonSerializerOptions.Web));
    }

    private static JsonObject EventPayload(GitHubSimulation s, GitHubSimJson json, SimRepo r, string action, SimIssue? issue, string eventName)
    {
        var payload = new JsonObject { ["action"] = action };
        if (eventName == "pull_request")
        {
            var pull = s.Issues.First(i => i.Repo == r && i.Pull is not null);
            payload["number"] = pull.Number;
            payload["pull_request"] = json.PullRequest(pull);
        }
        else
        {
            var target = issue ?? s.Issues.First(i => i.Repo == r && i.Pull is null);
            payload["issue"] = json.Issue(target);
            if (eventName == "issue_comment")
            {
                var now = s.Time.GetUtcNow();
                payload["comment"] = json.Comment(new SimComment { Id = s.NextId(), Issue = target, Body = "Sandbox comment", User = s.Viewer, CreatedAt = now, UpdatedAt = now });
            }
        }

        payload["repository"] = json.Repository(r);
        payload["sender"] = json.SimpleUser(s.Viewer);
        return payload;
    }

    private static JsonObject Ping(GitHubSimJson json, SimHook hook) => new()
    {
        ["zen"] = "Design for failure.",
        ["hook_id"] = hook.Id,
        ["hook"] = json.Hook(hook),
        ["repository"] = json.Repository(hook.Repo),
        ["sender"] = json.SimpleUser(hook.Repo.Owner),
    };

    private static void Fire(GitHubSimulation s, GitHubWebhookSender sender, GitHubSimJson json, SimRepo r, string eventName, string action, SimIssue issue, SimComment? comment = null)
    {
        List<SimHook> hooks;
        lock (s.Sync)
        {
            hooks = [.. s.Hooks.Where(h => h.Repo == r && h.Wants(eventName))];
        }

        foreach (var hook in hooks)
        {
            var payload = new JsonObject { ["action"] = action, ["issue"] = json.Issue(issue) };
            if (comment is not null)
            {
                payload["comment"] = json.Comment(comment);
            }

            payload["repository"] = json.Repository(r);
            payload["sender"] = json.SimpleUser(comment?.User ?? issue.User);
            Send(s, sender, hook, eventName, payload);
        }
    }

    private static void Send(GitHubSimulation s, GitHubWebhookSender sender, SimHook hook, string eventName, JsonObject payload) =>
        // Like GitHub, deliveries happen after the API call has answered.
        _ = Task.Run(async () =>
        {
            var result = await sender.DeliverAsync(hook.Url, hook.Secret, eventName, payload, hook.Id, hook.Repo.Id);
            lock (s.Sync)
            {
                hook.LastCode = result.StatusCode;
                hook.LastStatus = result.StatusCode is >= 200 and < 300 ? "active" : "misconfigured";
                hook.LastMessage = result.Error ?? "OK";
            }
        });

    private static IEnumerable<SimIssue> Search(GitHubSimulation s, string q)
    {
        IEnumerable<SimIssue> result = s.Issues;
        var words = new List<string>();
        foreach (var term in q.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = colon > 0 ? (term[..colon].ToLowerInvariant(), term[(colon + 1)..].Trim('"')) : ("", term);
            result = name switch
            {
                "repo" => result.Where(i => i.Repo.FullName.Equals(value, StringComparison.OrdinalIgnoreCase)),
                "user" or "org" => result.Where(i => i.Repo.Owner.Login.Equals(value, StringComparison.OrdinalIgnoreCase)),
                "is" or "type" => value switch
                {
                    "issue" => result.Where(i => i.Pull is null),
                    "pr" => result.Where(i => i.Pull is not null),
                    "open" or "closed" => result.Where(i => i.State == value),
                    "merged" => result.Where(i => i.Pull?.MergedAt is not null),
                    _ => result,
                },
                "state" => result.Where(i => i.State == value),
                "label" => result.Where(i => i.Labels.Any(l => l.Name.Equals(value, StringComparison.OrdinalIgnoreCase))),
                "author" => result.Where(i => i.User.Login.Equals(value, StringComparison.OrdinalIgnoreCase)),
                "assignee" => result.Where(i => i.Assignees.Any(a => a.Login.Equals(value, StringComparison.OrdinalIgnoreCase))),
                "in" => result,
                _ => Keep(words, value, result),
            };
        }

        return result.Where(i => words.All(w => i.Title.Contains(w, StringComparison.OrdinalIgnoreCase) || (i.Body?.Contains(w, StringComparison.OrdinalIgnoreCase) ?? false)));

        static IEnumerable<SimIssue> Keep(List<string> words, string word, IEnumerable<SimIssue> result)
        {
            words.Add(word.Trim('"'));
            return result;
        }
    }

    private static bool TryAssignees(GitHubSimulation s, SimRepo repo, JsonNode? node, out List<SimUser> assignees)
    {
        assignees = [];
        foreach (var login in Strings(node))
        {
            var user = s.User(login);
            if (user is null || (user != repo.Owner && !repo.Collaborators.Contains(user)))
            {
                return false;
            }

            assignees.Add(user);
        }

        return true;
    }

    private static IResult Run(HttpContext context, GitHubSimulation sim, string resource, Func<HttpContext, SimToken, GitHubSimJson, IResult> handler)
    {
        var (token, error) = Authenticate(context, sim, resource);
        return error ?? handler(context, token!, Json(context));
    }

    private static async Task<IResult> RunAsync(HttpContext context, GitHubSimulation sim, Func<HttpContext, SimToken, GitHubSimJson, Task<IResult>> handler)
    {
        var (token, error) = Authenticate(context, sim, "core");
        return error ?? await handler(context, token!, Json(context));
    }

    private static GitHubSimJson Json(HttpContext context) =>
        new(context.RequestServices.GetService(typeof(SandboxUrls)) is SandboxUrls urls
            ? urls.AppBaseUrl(context, GitHubSandboxApp.AppName)
            : $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}");

    private static (SimToken?, IResult?) Authenticate(HttpContext context, GitHubSimulation sim, string resource)
    {
        context.Response.Headers["X-GitHub-Media-Type"] = "github.v3; format=json";
        context.Response.Headers["X-GitHub-Api-Version-Selected"] = "2022-11-28";
        context.Response.Headers["X-GitHub-Request-Id"] = Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
        if (string.IsNullOrWhiteSpace(context.Request.Headers.UserAgent))
        {
            return (null, Results.Text("Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.\n",
                "text/plain; charset=utf-8", Encoding.UTF8, 403));
        }

        var version = context.Request.Headers["X-GitHub-Api-Version"].ToString();
        if (version.Length > 0 && version is not ("2022-11-28" or "2026-03-10"))
        {
            return (null, Problem(400, $"API version {version} is not supported.", "https://docs.github.com/rest/overview/api-versions"));
        }

        var header = context.Request.Headers.Authorization.ToString();
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        var scheme = space > 0 ? header[..space] : "";
        if (header.Length == 0)
        {
            return (null, Problem(401, "Requires authentication", Docs));
        }

        var token = scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase) || scheme.Equals("token", StringComparison.OrdinalIgnoreCase)
            ? sim.FindToken(header[(space + 1)..].Trim()) : null;
        if (token is null)
        {
            return (null, Problem(401, "Bad credentials", Docs));
        }

        context.Response.Headers["X-OAuth-Scopes"] = token.Scope;
        var (limit, remaining, used, reset, exceeded) = sim.Spend(token.Token, resource);
        context.Response.Headers["x-ratelimit-limit"] = limit.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-used"] = used.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["x-ratelimit-resource"] = resource;
        if (exceeded)
        {
            return (null, Problem(403, $"API rate limit exceeded for user ID {token.UserId}. If you reach out to GitHub Support for help, please include the request ID.",
                "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"));
        }

        return (token, null);
    }

    private static IResult Page(HttpContext context, IReadOnlyList<JsonNode> all)
    {
        var (page, perPage) = Paging(context);
        SetLink(context, page, perPage, all.Count);
        return Ok(new JsonArray([.. all.Skip((page - 1) * perPage).Take(perPage).Select(n => n.DeepClone())]));
    }

    private static (int Page, int PerPage) Paging(HttpContext context)
    {
        var q = context.Request.Query;
        var page = int.TryParse(Q(q, "page"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 1;
        var perPage = int.TryParse(Q(q, "per_page"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? Math.Min(n, 100) : 30;
        return (page, perPage);
    }

    private static void SetLink(HttpContext context, int page, int perPage, int total)
    {
        var last = Math.Max(1, (total + perPage - 1) / perPage);
        var json = Json(context);
        var path = context.Request.Path.Value ?? "";
        var query = context.Request.Query.Where(p => p.Key is not ("page" or "per_page"))
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value.ToString())}").ToList();
        string Url(int target) => $"{json.Api}{path}?{string.Join('&', query.Append($"per_page={perPage}").Append($"page={target}"))}";
        var links = new List<string>();
        if (page > 1)
        {
            links.Add($"<{Url(page - 1)}>; rel=\"prev\"");
        }

        if (page < last)
        {
            links.Add($"<{Url(page + 1)}>; rel=\"next\"");
            links.Add($"<{Url(last)}>; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"<{Url(1)}>; rel=\"first\"");
        }

        if (links.Count > 0)
        {
            context.Response.Headers["Link"] = string.Join(", ", links);
        }
    }

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Q(IQueryCollection query, string name) => query.TryGetValue(name, out var v) && v.ToString().Length > 0 ? v.ToString() : null;

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).Where(s => s is not null).Select(s => s!) : [];

    private static IResult Ok(JsonNode body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, 200);

    private static IResult Created(JsonNode body, string location)
    {
        return new CreatedJson(body, location);
    }

    private static IResult NotFound(string docs) => Problem(404, "Not Found", docs);

    private static IResult Problem(int status, string message, string docs) =>
        Results.Text(new JsonObject { ["message"] = message, ["documentation_url"] = docs, ["status"] = status.ToString(CultureInfo.InvariantCulture) }.ToJsonString(),
            "application/json; charset=utf-8", Encoding.UTF8, status);

    private static IResult Invalid(HttpContext context, string field, string code, string resource, string docs)
    {
        _ = context;
        var body = new JsonObject
        {
            ["message"] = "Validation Failed",
            ["errors"] = new JsonArray(new JsonObject { ["resource"] = resource, ["code"] = code, ["field"] = field }),
            ["documentation_url"] = docs,
        };
        return Results.Text(body.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, 422);
    }

    private sealed class CreatedJson(JsonNode body, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return Results.Text(body.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, 201).ExecuteAsync(httpContext);
        }
    }
}

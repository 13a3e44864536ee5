using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Engine.ConnectSessions;
using Fastn.Server.ConnectPage;
using Fastn.Server.Errors;
using Fastn.Server.Security;
using Fastn.Storage;
using Fastn.Storage.ConnectSessions;
using Fastn.Storage.Events;
using Fastn.Storage.Workspaces;
using Fastn.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fastn.Server.Api;

/// <summary>
/// Embedding Fastn: <c>/api/v1/connect-sessions</c> (short-lived links for a tenant's user to the hosted connect page),
/// the workspace's branding and redirect-back URLs (<c>/api/v1/workspace</c>), the platform events
/// (<c>/api/v1/events</c>), and the hosted page itself (<c>/connect</c>).
/// </summary>
public static class ConnectSessionsApi
{
    /// <summary>A connect session to create.</summary>
    /// <param name="TenantId">Your customer's id; the connection will belong to this tenant.</param>
    /// <param name="AllowedConnectors">Connectors the page offers (all when omitted).</param>
    /// <param name="ReturnUrl">Where the page sends the user after connecting; must be registered with PUT /api/v1/workspace/redirect-urls.</param>
    /// <param name="ExpiresInSeconds">Lifetime in seconds (default 1800, 60 to 86400).</param>
    public sealed record CreateSessionBody(string? TenantId, string[]? AllowedConnectors, string? ReturnUrl, int? ExpiresInSeconds);

    /// <summary>The workspace's redirect-back URLs.</summary>
    /// <param name="Urls">Absolute https URLs without query (http only for localhost).</param>
    public sealed record RedirectUrlsBody(string[]? Urls);

    /// <summary>A created connect session: give <paramref name="Url"/> (or the token) to the tenant's user.</summary>
    /// <param name="Id">The session id.</param>
    /// <param name="Token">The single-use session token (shown once).</param>
    /// <param name="Url">The hosted connect page for this session.</param>
    /// <param name="ExpiresAt">When the token expires.</param>
    /// <param name="TenantId">The tenant the session connects accounts for.</param>
    /// <param name="AllowedConnectors">The connectors the page offers (empty: all).</param>
    /// <param name="ReturnUrl">Where the page sends the user when done.</param>
    public sealed record ConnectSession(string Id, string Token, string Url, DateTimeOffset ExpiresAt, string TenantId, IReadOnlyList<string> AllowedConnectors, string? ReturnUrl);

    /// <summary>The API key's workspace: its name and logo are shown on the hosted connect page.</summary>
    /// <param name="Id">The workspace id.</param>
    /// <param name="Name">The name shown to your customers.</param>
    /// <param name="LogoUrl">The logo shown to your customers.</param>
    /// <param name="CreatedAt">When it was created.</param>
    public sealed record Workspace(string Id, string Name, string? LogoUrl, DateTimeOffset CreatedAt);

    /// <summary>The URLs connect sessions may send users back to.</summary>
    /// <param name="Urls">Absolute https URLs (http only for localhost).</param>
    public sealed record RedirectUrlList(IReadOnlyList<string> Urls);

    /// <summary>An event of the one event list: a platform event or an app's event received by a trigger.</summary>
    /// <param name="Id">The event id (pass as <c>after</c> to page).</param>
    /// <param name="Type">The event type (<c>connection.created</c>, <c>issues.opened</c>…).</param>
    /// <param name="TenantId">The tenant it concerns.</param>
    /// <param name="Subject">What it is about, e.g. a connection id.</param>
    /// <param name="Data">The event's data.</param>
    /// <param name="CreatedAt">When it was stored.</param>
    /// <param name="Kind"><c>platform</c> or <c>trigger</c>.</param>
    /// <param name="ConnectionId">Trigger events: the connection the app sent it for.</param>
    /// <param name="SubscriptionId">Trigger events: the subscription that received it.</param>
    /// <param name="Trigger">Trigger events: <c>connector.trigger</c>.</param>
    /// <param name="Source">Trigger events: <c>webhook</c> or <c>poll</c>.</param>
    /// <param name="OccurredAt">When the app says it happened.</param>
    /// <param name="Held">Why it is stored but not dispatched (its subscription was paused), or null.</param>
    public sealed record PlatformEvent(string Id, string Type, string TenantId, string Subject, JsonNode? Data, DateTimeOffset CreatedAt, string Kind,
        string? ConnectionId, string? SubscriptionId, string? Trigger, string? Source, DateTimeOffset? OccurredAt, string? Held);

    /// <summary>A page of events, newest first.</summary>
    /// <param name="Items">The events.</param>
    /// <param name="NextCursor">Pass as <c>after</c> for older events; null on the last page.</param>
    public sealed record PlatformEventPage(IReadOnlyList<PlatformEvent> Items, string? NextCursor);

    /// <summary>Maps the API under <c>/api/v1</c> (API key required) and the hosted connect page.</summary>
    public static WebApplication MapConnectSessions(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapFastnApi();

        api.MapPost("/connect-sessions", async Task<Results<Created<ConnectSession>, ProblemResult>> (HttpContext http, ConnectSessionService service, CreateSessionBody? body, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            caller.RequireWorkspaceKey();
            if (body?.TenantId is { } tenant && caller.TenantId is { } headerTenant && tenant != headerTenant)
            {
                return Problems.Validation($"'tenantId' ({tenant}) differs from the {CallerContext.TenantHeader} header ({headerTenant}); send one or make them equal.", "$.tenantId");
            }

            var created = await service.CreateAsync(caller.WorkspaceId,
                new ConnectSessionRequest(body?.TenantId, body?.AllowedConnectors, body?.ReturnUrl, body?.ExpiresInSeconds), ct);
            var s = created.Session;
            // No Location: a session is not a resource to read back; its page URL is in the body.
            return TypedResults.Created((string?)null, new ConnectSession(s.Id, created.Token, service.PageUrl(created.Token), s.ExpiresAt, s.Tenant.TenantId,
                s.AllowedConnectors, s.ReturnUrl));
        }).ProducesProblems(StatusCodes.Status404NotFound).WithTags("Connect sessions").WithName("CreateConnectSession")
            .WithSummary("Create a single-use link to the hosted connect page for one tenant (token shown once)");

        var workspace = api.MapGroup("/workspace").WithTags("Workspace");
        workspace.MapGet("/", async Task<Results<Ok<Workspace>, ProblemResult>> (HttpContext http, WorkspaceStore store, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            var ws = await store.GetWorkspaceAsync(caller.WorkspaceId, ct);
            return ws is null ? Problems.NotFound("The workspace of this API key no longer exists.") : TypedResults.Ok(WorkspaceView(ws));
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("GetWorkspace").WithSummary("The workspace of the API key: name and logo shown on the connect page");

        workspace.MapPatch("/", async Task<Results<Ok<Workspace>, ProblemResult>> (HttpContext http, WorkspaceStore store, JsonObject? body, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            caller.RequireWorkspaceKey();
            var ws = await store.GetWorkspaceAsync(caller.WorkspaceId, ct);
            if (ws is null)
            {
                return Problems.NotFound("The workspace of this API key no longer exists.");
            }

            var name = ws.Name;
            var logoUrl = ws.LogoUrl;
            if (body is not null && body.TryGetPropertyValue("name", out var nameNode))
            {
                name = nameNode is JsonValue v && v.TryGetValue<string>(out var n) ? n.Trim() : "";
                if (DisplayText.Validate(name, required: true) is { } nameError)
                {
                    return Problems.Validation($"'name' must be a string of 1–{DisplayText.MaxLength} printable characters: it {nameError}.", "$.name");
                }
            }

            if (body is not null && body.TryGetPropertyValue("logoUrl", out var logoNode))
            {
                if (logoNode is null)
                {
                    logoUrl = null;
                }
                else if (logoNode is JsonValue l && l.TryGetValue<string>(out var u))
                {
                    logoUrl = u.Length == 0 ? null : u;
                }
                else
                {
                    return Problems.Validation("'logoUrl' must be a string (an https URL), or null or \"\" to remove the logo.", "$.logoUrl");
                }

                if (logoUrl is not null && (logoUrl.Length > 2000 || !Uri.TryCreate(logoUrl, UriKind.Absolute, out var logo)
                    || !(logo.Scheme == Uri.UriSchemeHttps || (logo.Scheme == Uri.UriSchemeHttp && logo.IsLoopback))))
                {
                    return Problems.Validation("'logoUrl' must be an absolute https URL of an image (http only for localhost), at most 2000 characters.", "$.logoUrl");
                }
            }

            await store.UpdateWorkspaceAsync(ws.Id, name, logoUrl, ct);
            return TypedResults.Ok(WorkspaceView(await store.GetWorkspaceAsync(ws.Id, ct) ?? ws));
        }).RequireAuthorization(FastnPolicies.Admin).ProducesProblems(StatusCodes.Status404NotFound).WithName("UpdateWorkspace").WithSummary("Change the workspace's name or logo (omitted fields stay as they are)");

        workspace.MapGet("/redirect-urls", async (HttpContext http, ConnectSessionStore store, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            caller.RequireWorkspaceKey();
            return TypedResults.Ok(new RedirectUrlList(await store.ListRedirectUrlsAsync(caller.WorkspaceId, ct)));
        }).RequireAuthorization(FastnPolicies.Admin).WithName("ListRedirectUrls").WithSummary("The URLs connect sessions may send users back to");

        workspace.MapPut("/redirect-urls", async Task<Results<Ok<RedirectUrlList>, ProblemResult>> (HttpContext http, ConnectSessionStore store, RedirectUrlsBody? body, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            caller.RequireWorkspaceKey();
            if (body?.Urls is not { } urls)
            {
                return Problems.Validation("'urls' is required: an array of absolute https URLs (may be empty).", "$.urls");
            }

            if (urls.Length > 100)
            {
                return Problems.Validation("At most 100 redirect URLs may be registered.", "$.urls");
            }

            var normalized = new List<string>();
            for (var i = 0; i < urls.Length; i++)
            {
                var url = RedirectUrls.Normalize(urls[i], out var error);
                if (url is null)
                {
                    return Problems.Validation($"'urls[{i}]' {error}.", $"$.urls[{i}]");
                }

                normalized.Add(url);
            }

            await store.ReplaceRedirectUrlsAsync(caller.WorkspaceId, normalized, ct);
            return TypedResults.Ok(new RedirectUrlList(await store.ListRedirectUrlsAsync(caller.WorkspaceId, ct)));
        }).RequireAuthorization(FastnPolicies.Admin).WithName("PutRedirectUrls").WithSummary("Replace the URLs connect sessions may send users back to (same origin, and same path or under a path ending in '/')");

        api.MapGet("/events", async Task<Results<Ok<PlatformEventPage>, ProblemResult>> (HttpContext http, EventStore events, string? type, string? after, int? limit, string? kind, string? subscriptionId, CancellationToken ct) =>
        {
            if (kind is not null && !EventKinds.IsKnown(kind))
            {
                return Problems.Validation($"'kind' must be '{EventKinds.Platform}' or '{EventKinds.Trigger}' (omit it for both).", "kind");
            }

            if (subscriptionId is not null && !RowIds.IsWellFormed(subscriptionId))
            {
                return Problems.Validation("'subscriptionId' is not a subscription id (sub_…).", "subscriptionId");
            }

            if (limit is < 1 or > 200)
            {
                return Problems.Validation("'limit' must be between 1 and 200 (default 50).", "limit");
            }

            if (after is not null && !EventStore.IsValidCursor(after))
            {
                return Problems.Validation("'after' must be the nextCursor of an earlier page (an event id); omit it for the newest events.", "after");
            }

            if (type is { Length: > 100 })
            {
                return Problems.Validation($"'type' is {type.Length} characters long; event types have at most 100 (e.g. connection.created).", "type");
            }

            var size = limit ?? 50;
            var page = await events.ListPageAsync(type, after, size, ct, kind, subscriptionId);
            return TypedResults.Ok(new PlatformEventPage(
                [.. page.Select(e => new PlatformEvent(e.Id, e.Type, e.TenantId, e.Subject, ParseData(e.Data), e.CreatedAt, e.Kind, e.ConnectionId, e.SubscriptionId,
                    e.Trigger, e.Source, e.OccurredAt, e.HeldReason))],
                page.Count == size ? page[^1].Id : null));
        }).WithTags("Events").WithName("ListEvents")
            .WithSummary("The event list, newest first: platform events (kind=platform: connection.created, connect_session.completed, …) and trigger events received from apps (kind=trigger); pass nextCursor as 'after' for older ones");

        app.MapConnectPage();
        return app;
    }

    private static Workspace WorkspaceView(Storage.Workspaces.Workspace ws) => new(ws.Id, ws.Name, ws.LogoUrl, ws.CreatedAt);

    private static JsonNode? ParseData(string data)
    {
        try
        {
            return JsonNode.Parse(data);
        }
        catch (JsonException)
        {
            return JsonValue.Create(data);
        }
    }
}

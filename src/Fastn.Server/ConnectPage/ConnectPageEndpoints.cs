using Fastn.Server.Security;
using Fastn.Engine.ConnectSessions;
using Fastn.Engine.Errors;
using Fastn.Engine.Registry;
using Fastn.Server.Errors;
using Fastn.Storage.ConnectSessions;
using Fastn.Storage.Workspaces;

namespace Fastn.Server.ConnectPage;

/// <summary>
/// The hosted connect page. The session token in <c>?session=</c> is the only credential (no API key); the tenant
/// always comes from the session, never from the request. State changes are POSTs carrying the session's
/// anti-forgery value. Every error is an HTML page (or the form again with the error inline), never problem+json.
/// </summary>
public static class ConnectPageEndpoints
{
    /// <summary>Cookie holding the token while the user is at the app's OAuth pages (scoped to <c>/connect</c>).</summary>
    public const string TokenCookie = "fastn_connect";

    /// <summary>Maps <c>GET /connect</c>, <c>GET|POST /connect/{connector}</c> and <c>GET /connect/result</c>.</summary>
    public static IEndpointRouteBuilder MapConnectPage(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The session token names the workspace and tenant; there is no API key to scope the store by.
        var page = app.MapGroup(string.Empty).InSystemScope("the hosted connect page, authorised by its session token");
        page.MapGet("/connect", (HttpContext http, ConnectSessionService service, WorkspaceStore workspaces, string? session, CancellationToken ct) =>
            RenderAsync(http, workspaces, null, async () =>
            {
                var open = await service.OpenAsync(session, ct);
                return (open, Page(ConnectPageHtml.Chooser(await workspaces.GetWorkspaceAsync(open.Tenant.WorkspaceId, ct), open, session!, service.Choices(open))));
            }, ct)).ExcludeFromDescription();

        page.MapGet("/connect/result", (HttpContext http, ConnectSessionService service, WorkspaceStore workspaces, ConnectorRegistry registry,
            string? cs, string? connection_id, CancellationToken ct) =>
            RenderAsync(http, workspaces, null, async () =>
            {
                var outcome = await service.CompleteOAuthAsync(http.Request.Cookies[TokenCookie], cs, connection_id, ct);
                http.Response.Cookies.Delete(TokenCookie, CookieOptions(http));
                http.Response.Cookies.Delete(TokenCookie, CookieOptions(http, CallbackPath));
                var ws = await workspaces.GetWorkspaceAsync(outcome.Session.Tenant.WorkspaceId, ct);
                return (outcome.Session, Page(ConnectPageHtml.Success(ws, registry.Find(outcome.Connection.Connector)?.Definition, outcome)));
            }, ct)).ExcludeFromDescription();

        page.MapGet("/connect/{connector}", (HttpContext http, ConnectSessionService service, WorkspaceStore workspaces, string connector, string? session, string? method,
            CancellationToken ct) =>
            RenderAsync(http, workspaces, null, async () =>
            {
                var open = await service.OpenAsync(session, ct);
                var definition = service.RequireAllowed(open, connector);
                var chosen = ConnectSessionService.MethodOf(definition, method);
                return (open, Page(ConnectPageHtml.Form(await workspaces.GetWorkspaceAsync(open.Tenant.WorkspaceId, ct), open, session!, definition, methodId: chosen.EffectiveId)));
            }, ct)).ExcludeFromDescription();

        page.MapPost("/connect/{connector}", async (HttpContext http, ConnectSessionService service, WorkspaceStore workspaces, ConnectorRegistry registry,
            string connector, string? session, CancellationToken ct) =>
        {
            var form = http.Request.HasFormContentType
                ? (await http.Request.ReadFormAsync(ct)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal);
            form.Remove(ConnectPageHtml.FormTokenField, out var formToken);
            var definition = registry.Find(connector)?.Definition;
            // Re-show the form with the error inline when the link is still good; otherwise an error page.
            Func<FastnException, Task<IResult?>> retry = async problem =>
            {
                try
                {
                    var open = await service.OpenAsync(session, ct);
                    var allowed = service.RequireAllowed(open, connector);
                    var ws = await workspaces.GetWorkspaceAsync(open.Tenant.WorkspaceId, ct);
                    return Page(ConnectPageHtml.Form(ws, open, session!, allowed, problem, form, form.GetValueOrDefault(ConnectSessionService.AuthMethodField)),
                        Problems.StatusOf(problem));
                }
                catch (FastnException)
                {
                    return null;
                }
            };

            return await RenderAsync(http, workspaces, retry, async () =>
            {
                if (definition is not null && ConnectSessionService.UsesOAuthRedirect(ConnectSessionService.MethodOf(definition, form.GetValueOrDefault(ConnectSessionService.AuthMethodField))))
                {
                    var url = await service.StartOAuthAsync(session, connector, formToken, form, ct);
                    // The callback comes back to /connect/result without the token in its URL (the OAuth state keeps only
                    // the session id), so the browser keeps it in a cookie limited to the connect page.
                    http.Response.Cookies.Append(TokenCookie, session!, CookieOptions(http));
                    // The callback checks the same binding before it exchanges the code, so it needs the cookie too.
                    http.Response.Cookies.Append(TokenCookie, session!, CookieOptions(http, CallbackPath));
                    return (null, Results.Redirect(url, permanent: false, preserveMethod: false));
                }

                var outcome = await service.ConnectWithCredentialsAsync(session, connector, formToken, form, ct);
                var workspace = await workspaces.GetWorkspaceAsync(outcome.Session.Tenant.WorkspaceId, ct);
                return (outcome.Session, Page(ConnectPageHtml.Success(workspace, definition, outcome)));
            }, ct);
        }).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> RenderAsync(HttpContext http, WorkspaceStore workspaces, Func<FastnException, Task<IResult?>>? retry,
        Func<Task<(ConnectSessionView? Session, IResult Result)>> render, CancellationToken ct)
    {
        SecurityHeaders(http.Response);
        try
        {
            return (await render()).Result;
        }
        catch (FastnException problem)
        {
            if (retry is not null && await retry(problem) is { } again)
            {
                return again;
            }

            // Brand the error page when the link at least names a workspace.
            var session = http.Request.Query["session"].ToString();
            var known = await http.RequestServices.GetRequiredService<ConnectSessionStore>().FindByTokenAsync(session, ct);
            var ws = known is null ? null : await workspaces.GetWorkspaceAsync(known.WorkspaceId, ct);
            return Page(ConnectPageHtml.Error(ws, problem), Problems.StatusOf(problem));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnectPageEndpoints))
                .LogError(ex, "Connect page failed on {Method} {Path}", http.Request.Method, http.Request.Path);
            var problem = new FastnException("fastn:internal", ErrorCategory.Internal, "Something went wrong",
                $"The connect page failed (trace id {http.TraceIdentifier}). Nothing was connected; try again, and report the trace id if it repeats.");
            return Page(ConnectPageHtml.Error(null, problem), 500);
        }
    }

    private static IResult Page(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    private static void SecurityHeaders(HttpResponse response)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        // The token is in the page's URL: no Referer may carry it to the logo's host or the app.
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src https: http: data:; base-uri 'none'; frame-ancestors 'none'";
    }

    /// <summary>The OAuth callback's path, the only other path the token cookie is sent to.</summary>
    public const string CallbackPath = "/oauth/callback";

    private static CookieOptions CookieOptions(HttpContext http, string path = "/connect") => new()
    {
        Path = path,
        HttpOnly = true,
        Secure = http.Request.IsHttps,
        // Lax: sent on the top-level GET the app's redirect (via /oauth/callback) makes back to /connect/result.
        SameSite = SameSiteMode.Lax,
        MaxAge = TimeSpan.FromHours(1),
        IsEssential = true,
    };
}

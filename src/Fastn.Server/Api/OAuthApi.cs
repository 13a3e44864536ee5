using System.Net;
using Fastn.Engine.Connections;
using Fastn.Engine.Errors;
using Fastn.Engine.Hosting;
using Fastn.Engine.Vault;
using Fastn.Server.Errors;
using Fastn.Server.Security;
using Fastn.Storage.OAuth;
using Microsoft.Extensions.Options;
using Fastn.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fastn.Server.Api;

/// <summary>OAuth: start (<c>/api/v1/connect/{connector}</c>), the callback (<c>/oauth/callback</c>) and the workspace's OAuth apps.</summary>
public static class OAuthApi
{
    /// <summary>Start an OAuth connection.</summary>
    /// <param name="AuthMethod">Auth method id (default: the connector's default).</param>
    /// <param name="Parameters">Connection parameters the URLs need (Shopify <c>shop</c>).</param>
    /// <param name="ReturnUrl">Where to send the user after the callback: a path on this server, or a URL registered with PUT /api/v1/workspace/redirect-urls.</param>
    /// <param name="ConnectionId">Reconnect this connection (same id) instead of creating one.</param>
    public sealed record StartBody(string? AuthMethod, Dictionary<string, string>? Parameters, string? ReturnUrl, string? ConnectionId);

    /// <summary>An OAuth app (client) registered with the app.</summary>
    /// <param name="ClientId">The client id.</param>
    /// <param name="ClientSecret">The client secret (stored encrypted, never returned).</param>
    /// <param name="Scopes">Scopes override.</param>
    public sealed record OAuthAppBody(string? ClientId, string? ClientSecret, string? Scopes);

    /// <summary>A started OAuth connection: send the user to <paramref name="AuthorizationUrl"/>.</summary>
    /// <param name="AuthorizationUrl">The app's authorization URL with state and PKCE.</param>
    /// <param name="ExpiresAt">When the state expires.</param>
    /// <param name="RedirectUri">Fastn's callback the app redirects to.</param>
    public sealed record OAuthStart(string AuthorizationUrl, DateTimeOffset ExpiresAt, string RedirectUri);

    /// <summary>The workspace's OAuth client for one connector (the secret is never returned).</summary>
    /// <param name="Connector">The connector name.</param>
    /// <param name="ClientId">The client id.</param>
    /// <param name="Scopes">A scopes override.</param>
    /// <param name="UpdatedAt">When it last changed.</param>
    /// <param name="RedirectUri">The redirect URI to register with the app.</param>
    public sealed record OAuthApp(string Connector, string ClientId, string? Scopes, DateTimeOffset UpdatedAt, string RedirectUri);

    /// <summary>Maps the API endpoints.</summary>
    public static RouteGroupBuilder MapOAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/connect/{connector}", async (HttpContext http, ConnectionService service, IOptions<FastnEngineOptions> options, string connector, StartBody? body, CancellationToken ct) =>
        {
            var tenant = CallerContext.Of(http).RequireTenant();
            var start = await service.StartOAuthAsync(tenant, connector, body?.AuthMethod, body?.Parameters, body?.ReturnUrl, body?.ConnectionId, ct);
            return TypedResults.Ok(new OAuthStart(start.AuthorizationUrl, start.ExpiresAt, options.Value.OAuthRedirectUri));
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithTags("OAuth").WithName("StartOAuth").WithSummary("Start OAuth: returns the app's authorization URL (state + PKCE) to send the user to");

        var apps = api.MapGroup("/oauth-apps").WithTags("OAuth").RequireAuthorization(FastnPolicies.Admin);
        apps.MapGet("/", async (HttpContext http, OAuthAppStore store, IOptions<FastnEngineOptions> options, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            caller.RequireWorkspaceKey();
            var list = await store.ListAsync(caller.WorkspaceId, ct);
            return TypedResults.Ok(list.Select(a => new OAuthApp(a.Connector, a.ClientId, a.Scopes, a.UpdatedAt, options.Value.OAuthRedirectUri)).ToList());
        }).WithName("ListOAuthApps").WithSummary("List OAuth apps (client secrets are never returned)");

        apps.MapPut("/{connector}", async Task<Results<Ok<OAuthApp>, ProblemResult>> (HttpContext http, OAuthAppStore store, CredentialVault vault, Engine.Registry.ConnectorRegistry registry, IOptions<FastnEngineOptions> options, string connector, OAuthAppBody? body, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            caller.RequireWorkspaceKey();
            if (registry.Find(connector) is null)
            {
                return Problems.NotFound($"There is no connector '{connector}'.");
            }

            if (string.IsNullOrWhiteSpace(body?.ClientId))
            {
                return Problems.Validation("'clientId' is required.", "$.clientId");
            }

            if (string.IsNullOrWhiteSpace(body.ClientSecret))
            {
                return Problems.Validation("'clientSecret' is required.", "$.clientSecret");
            }

            var app = await store.UpsertAsync(caller.WorkspaceId, connector, body.ClientId, vault.ProtectValue(body.ClientSecret), body.Scopes, ct);
            return TypedResults.Ok(new OAuthApp(app.Connector, app.ClientId, app.Scopes, app.UpdatedAt, options.Value.OAuthRedirectUri));
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("PutOAuthApp").WithSummary("Register the workspace's OAuth client for a connector");

        apps.MapDelete("/{connector}", async Task<Results<NoContent, ProblemResult>> (HttpContext http, OAuthAppStore store, string connector, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            caller.RequireWorkspaceKey();
            return await store.DeleteAsync(caller.WorkspaceId, connector, ct) ? TypedResults.NoContent() : Problems.NotFound($"No OAuth app for '{connector}'.");
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("DeleteOAuthApp").WithSummary("Remove an OAuth app");
        return api;
    }

    /// <summary>Maps <c>GET /oauth/callback</c>, where apps send the user back.</summary>
    public static IEndpointRouteBuilder MapOAuthCallback(this IEndpointRouteBuilder app)
    {
        app.MapGet(ConnectPage.ConnectPageEndpoints.CallbackPath, async (HttpContext http, ConnectionService service, Engine.ConnectSessions.ConnectSessionService connectSessions, Engine.Registry.ConnectorRegistry registry, CancellationToken ct) =>
        {
            // The URL carried an authorization code: no cache may keep the page, and no Referer may carry the URL on.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            var query = http.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
            try
            {
                var result = await service.CompleteOAuthAsync(query,
                    (returnUrl, token) => connectSessions.CheckBrowserBindingAsync(http.Request.Cookies[ConnectPage.ConnectPageEndpoints.TokenCookie], returnUrl, token), ct);
                if (result.ReturnUrl is { } returnUrl)
                {
                    var separator = returnUrl.Contains('?', StringComparison.Ordinal) ? '&' : '?';
                    return Results.Redirect($"{returnUrl}{separator}connection_id={Uri.EscapeDataString(result.Connection.Id)}&status=connected");
                }

                return Page(HttpStatusCode.OK, "Connected",
                    $"Your {WebUtility.HtmlEncode(registry.Find(result.Connection.Connector)?.Definition.DisplayName ?? result.Connection.Connector)} account is connected{(result.Reconnected ? " again" : "")}. Connection id: <code id=\"connection-id\">{WebUtility.HtmlEncode(result.Connection.Id)}</code>. You can close this window.");
            }
            catch (FastnException problem)
            {
                return Page((HttpStatusCode)Problems.StatusOf(problem), "Not connected", WebUtility.HtmlEncode(problem.Detail));
            }
        }).InSystemScope("the OAuth callback, authorised by its single-use state")
            // A page for the user's browser (or a redirect to the return URL); failures are pages too, with the error's status.
            .Produces<string>(StatusCodes.Status200OK, "text/html").Produces(StatusCodes.Status302Found)
            .WithTags("OAuth").WithName("OAuthCallback").WithSummary("The OAuth redirect URI: exchanges the code and stores the tokens");
        return app;
    }

    private static IResult Page(HttpStatusCode status, string title, string message) => Results.Content(
        $$"""
        <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
        <title>{{title}} · Fastn</title>
        <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1b1b1f}h1{font-size:1.5rem}code{background:#f2f2f5;padding:.1rem .3rem;border-radius:4px}</style>
        </head><body><h1 id="status">{{title}}</h1><p>{{message}}</p></body></html>
        """, "text/html; charset=utf-8", statusCode: (int)status);
}

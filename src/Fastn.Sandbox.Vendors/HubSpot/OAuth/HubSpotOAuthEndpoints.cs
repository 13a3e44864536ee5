using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Fastn.Sandbox.Vendors.HubSpot.OAuth;

/// <summary>
/// HubSpot's OAuth: the "choose an account / connect app" consent page at <c>/oauth/authorize</c> (plain form, Allow/Deny),
/// and <c>POST /oauth/v1/token</c> taking client_id and client_secret in the form body (authorization_code, refresh_token),
/// answering <c>{token_type, access_token, refresh_token, expires_in: 1800}</c> or <c>{status: "BAD_…", message, correlationId}</c>.
/// </summary>
internal static class HubSpotOAuthEndpoints
{
    public static void MapHubSpotOAuth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/oauth/authorize", Authorize);
        routes.MapPost("/oauth/authorize", DecideAsync);
        routes.MapPost("/oauth/v1/token", TokenAsync);
        routes.MapGet("/oauth/v1/access-tokens/{token}", TokenInfo);
    }

    private static IResult Authorize(HttpContext context, HubSpotState state)
    {
        var query = context.Request.Query;
        if (query["client_id"].ToString() != HubSpotSandboxApp.SandboxClientId)
        {
            return Page("Something went wrong", $"<p class=\"error\" id=\"oauth-error\">Couldn't complete the connection: unknown client_id '{E(query["client_id"].ToString())}'.</p>", 400);
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!IsAllowedRedirect(redirectUri))
        {
            return Page("Something went wrong", $"<p class=\"error\" id=\"oauth-error\">The redirect URL '{E(redirectUri)}' does not match the app's redirect URLs.</p>", 400);
        }

        var scopes = query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        if (scopes.FirstOrDefault(s => !TokenStore.KnownScopes.Contains(s)) is { } bad)
        {
            return Page("Something went wrong", $"<p class=\"error\" id=\"oauth-error\">The app asked for a scope that does not exist: {E(bad)}.</p>", 400);
        }

        var request = state.Tokens.StartConsent(redirectUri, scopes, NullIfEmpty(query["state"].ToString()));
        var action = context.Request.PathBase + context.Request.Path;
        var body = new StringBuilder();
        body.Append("<h1>Connect Fastn (local) to HubSpot</h1><p>Choose an account:</p>");
        body.Append("<p id=\"account\"><strong>Fastn Sandbox Inc.</strong> — portal ").Append(HubSpotSandboxApp.PortalId).Append("</p>");
        body.Append("<p>The app is requesting access to:</p><ul id=\"scopes\">");
        foreach (var scope in scopes.Order(StringComparer.Ordinal))
        {
            body.Append("<li><code>").Append(E(scope)).Append("</code></li>");
        }

        body.Append("</ul><form method=\"post\" action=\"").Append(E(action)).Append("\" id=\"consent-form\">");
        body.Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(E(request.Id)).Append("\">");
        body.Append("<input type=\"hidden\" name=\"portal_id\" value=\"").Append(HubSpotSandboxApp.PortalId).Append("\">");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Connect app</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Cancel</button></form>");
        return Page("Connect app – HubSpot", body.ToString(), 200);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, HubSpotState state)
    {
        if (!context.Request.HasFormContentType)
        {
            return Page("Something went wrong", "<p class=\"error\" id=\"oauth-error\">The form must be posted as application/x-www-form-urlencoded.</p>", 400);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (state.Tokens.TakeConsent(form["request_id"].ToString()) is not { } request)
        {
            return Page("Something went wrong", "<p class=\"error\" id=\"oauth-error\">This connection request is unknown or expired. Start again from the app.</p>", 400);
        }

        var parameters = new Dictionary<string, string?> { ["state"] = request.State };
        if (form["decision"].ToString() == "allow")
        {
            parameters["code"] = state.Tokens.IssueCode(request);
        }
        else
        {
            parameters["error"] = "access_denied";
            parameters["error_description"] = "The user declined to connect the app.";
        }

        return Results.Redirect(QueryHelpers.AddQueryString(request.RedirectUri, parameters.Where(p => p.Value is not null)));
    }

    private static async Task<IResult> TokenAsync(HttpContext context, HubSpotState state)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!context.Request.HasFormContentType)
        {
            return OAuthError("BAD_REQUEST", "The body must be application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form["client_id"].ToString() != HubSpotSandboxApp.SandboxClientId)
        {
            return OAuthError("BAD_CLIENT_ID", "missing or unknown client id");
        }

        if (form["client_secret"].ToString() != HubSpotSandboxApp.SandboxClientSecret)
        {
            return OAuthError("BAD_CLIENT_SECRET", "missing or invalid client secret");
        }

        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                if (!IsAllowedRedirect(form["redirect_uri"].ToString()))
                {
                    return OAuthError("BAD_REDIRECT_URI", "redirect_uri does not match the app's redirect URLs");
                }

                return state.Tokens.Redeem(form["code"].ToString(), form["redirect_uri"].ToString()) is { } tokens
                    ? Tokens(tokens.Access, tokens.Refresh)
                    : OAuthError("BAD_AUTH_CODE", "missing or unknown auth code");
            case "refresh_token":
                var refresh = form["refresh_token"].ToString();
                return state.Tokens.Refresh(refresh) is { } access ? Tokens(access, refresh) : OAuthError("BAD_REFRESH_TOKEN", "missing or unknown refresh token");
            default:
                return OAuthError("BAD_GRANT_TYPE", "grant_type must be authorization_code or refresh_token");
        }
    }

    private static IResult TokenInfo(string token, HubSpotState state)
    {
        if (state.Tokens.Find(token) is not { } grant || grant.ExpiresAt <= state.Time.GetUtcNow())
        {
            return Results.Text(new JsonObject { ["status"] = "error", ["message"] = "The access token is expired or invalid", ["correlationId"] = HubSpotState.CorrelationId(), ["category"] = "EXPIRED_AUTHENTICATION" }.ToJsonString(), "application/json", statusCode: 401);
        }

        return Results.Text(new JsonObject
        {
            ["token"] = token,
            ["user"] = "sandbox.admin@fastn.example",
            ["hub_domain"] = "fastn-sandbox.example",
            ["scopes"] = new JsonArray([.. grant.Scopes.Order(StringComparer.Ordinal).Select(s => (JsonNode?)s)]),
            ["hub_id"] = HubSpotSandboxApp.PortalId,
            ["app_id"] = 1234567,
            ["expires_in"] = (int)(grant.ExpiresAt - state.Time.GetUtcNow()).TotalSeconds,
            ["user_id"] = 71234567,
            ["token_type"] = "access",
        }.ToJsonString(), "application/json");
    }

    private static IResult Tokens(string access, string refresh) => Results.Text(new JsonObject
    {
        ["token_type"] = "bearer",
        ["refresh_token"] = refresh,
        ["access_token"] = access,
        ["expires_in"] = (int)TokenStore.AccessTokenLifetime.TotalSeconds,
    }.ToJsonString(), "application/json");

    private static IResult OAuthError(string status, string message) => Results.Text(new JsonObject
    {
        ["status"] = status,
        ["message"] = message,
        ["correlationId"] = HubSpotState.CorrelationId(),
    }.ToJsonString(), "application/json", statusCode: 400);

    /// <summary>The local app's redirect URLs: <c>http://localhost:{any port}/oauth/callback</c> and the 127.0.0.1 equivalent.</summary>
    private static bool IsAllowedRedirect(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.Host is "localhost" or "127.0.0.1"
        && uri.AbsolutePath == "/oauth/callback"
        && uri.Query.Length == 0;

    private static IResult Page(string title, string body, int status) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(title)}</title>"
        + "<style>body{font-family:system-ui,sans-serif;background:#f5f8fa;display:flex;justify-content:center}main{background:#fff;margin-top:8vh;padding:2rem;border-radius:8px;width:28rem}"
        + "button{margin:1rem .5rem 0 0;padding:.5rem 1rem;border:0;border-radius:4px}#allow{background:#ff7a59;color:#fff}.error{color:#c92a2a}</style>"
        + $"</head><body><main>{body}</main></body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string value) => HtmlEncoder.Default.Encode(value);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

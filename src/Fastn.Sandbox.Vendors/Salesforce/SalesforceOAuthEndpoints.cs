using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Fastn.Sandbox.Vendors.Salesforce;

/// <summary>
/// Salesforce's OAuth 2.0 web server flow at <c>/services/oauth2</c>: the "Allow Access?" page (plain form, Allow/Deny),
/// <c>POST /token</c> (authorization_code with PKCE, refresh_token; client credentials in the body) answering
/// <c>{access_token, refresh_token, signature, scope, instance_url, id, token_type, issued_at}</c> (no expires_in; refresh tokens
/// do not rotate), <c>POST /revoke</c>, the identity URL, and test hooks to end every session or use up the API limit.
/// </summary>
internal static class SalesforceOAuthEndpoints
{
    private static readonly HashSet<string> KnownScopes = ["api", "refresh_token", "offline_access", "id", "profile", "email", "openid", "web", "full"];

    public static void MapSalesforceOAuth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/services/oauth2/authorize", Authorize);
        routes.MapPost("/services/oauth2/authorize", DecideAsync);
        routes.MapPost("/services/oauth2/token", TokenAsync);
        routes.MapPost("/services/oauth2/revoke", RevokeAsync);
        routes.MapGet("/id/{orgId}/{userId}", Identity);
        routes.MapPost("/_sandbox/sessions/expire", (SalesforceOrg org) =>
        {
            org.ExpireSessions();
            return Results.NoContent();
        });
        routes.MapPost("/_sandbox/limits", (HttpContext context, SalesforceOrg org) =>
        {
            var used = int.TryParse(context.Request.Query["api_requests_used"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : SalesforceOrg.DailyApiRequests;
            org.SetApiRequests(used);
            return Results.NoContent();
        });
    }

    private static IResult Authorize(HttpContext context, SalesforceOrg org)
    {
        var query = context.Request.Query;
        if (query["client_id"].ToString() != SalesforceSandboxApp.SandboxClientId)
        {
            return Page("Error", "<p class=\"error\" id=\"oauth-error\">error=invalid_client_id&amp;error_description=client identifier invalid</p>", 400);
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!IsAllowedRedirect(redirectUri))
        {
            return Page("Error", "<p class=\"error\" id=\"oauth-error\">error=redirect_uri_mismatch&amp;error_description=redirect_uri must match configuration</p>", 400);
        }

        var state = NullIfEmpty(query["state"].ToString());
        if (query["response_type"].ToString() != "code")
        {
            return Redirect(redirectUri, state, "unsupported_response_type", "response type not supported");
        }

        var scope = query["scope"].ToString();
        if (scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(s => !KnownScopes.Contains(s)) is not null)
        {
            return Redirect(redirectUri, state, "invalid_scope", "the requested scope is not allowed");
        }

        var challenge = NullIfEmpty(query["code_challenge"].ToString());
        var consent = org.StartConsent(redirectUri, scope, state, challenge, challenge is null ? null : NullIfEmpty(query["code_challenge_method"].ToString()) ?? "S256");
        var action = context.Request.PathBase + context.Request.Path;
        var body = new StringBuilder();
        body.Append("<h1>Allow Access?</h1><p><strong>Fastn (local)</strong> is asking to:</p><ul id=\"scopes\">");
        foreach (var s in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            body.Append("<li><code>").Append(E(s)).Append("</code> — ").Append(E(Describe(s))).Append("</li>");
        }

        body.Append("</ul><p id=\"user\">You are logged in as <strong>").Append(SalesforceOrg.UserName).Append("</strong>.</p>");
        body.Append("<form method=\"post\" action=\"").Append(E(action)).Append("\" id=\"consent-form\">");
        body.Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(E(consent.Id)).Append("\">");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Allow</button></form>");
        return Page("Allow Access? | Salesforce", body.ToString(), 200);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, SalesforceOrg org)
    {
        if (!context.Request.HasFormContentType)
        {
            return Page("Error", "<p class=\"error\" id=\"oauth-error\">The form must be posted as application/x-www-form-urlencoded.</p>", 400);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (org.TakeConsent(form["request_id"].ToString()) is not { } consent)
        {
            return Page("Error", "<p class=\"error\" id=\"oauth-error\">This authorization request is unknown or expired. Start again from the app.</p>", 400);
        }

        return form["decision"].ToString() == "allow"
            ? Results.Redirect(QueryHelpers.AddQueryString(consent.RedirectUri, new Dictionary<string, string?> { ["code"] = org.IssueCode(consent), ["state"] = consent.State }.Where(p => p.Value is not null)))
            : Redirect(consent.RedirectUri, consent.State, "access_denied", "end-user denied authorization");
    }

    private static async Task<IResult> TokenAsync(HttpContext context, SalesforceOrg org, SandboxUrls urls)
    {
        context.Response.Headers.CacheControl = "no-cache,must-revalidate,max-age=0,no-store,private";
        if (!context.Request.HasFormContentType)
        {
            return TokenError("invalid_request", "must use application/x-www-form-urlencoded");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (clientId, clientSecret) = ClientCredentials(context, form);
        if (clientId != SalesforceSandboxApp.SandboxClientId)
        {
            return TokenError("invalid_client_id", "client identifier invalid");
        }

        if (clientSecret != SalesforceSandboxApp.SandboxClientSecret)
        {
            return TokenError("invalid_client", "invalid client credentials");
        }

        var root = urls.AppBaseUrl(context, SalesforceSandboxApp.AppName);
        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                return org.Redeem(form["code"].ToString(), form["redirect_uri"].ToString(), NullIfEmpty(form["code_verifier"].ToString())) is { } tokens
                    ? Tokens(root, org, tokens.Access, tokens.Refresh, tokens.Scope)
                    : TokenError("invalid_grant", "authentication failure");
            case "refresh_token":
                return org.Refresh(form["refresh_token"].ToString()) is { } refreshed
                    ? Tokens(root, org, refreshed.Access, null, refreshed.Scope)
                    : TokenError("invalid_grant", "expired access/refresh token");
            default:
                return TokenError("unsupported_grant_type", "grant type not supported");
        }
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, SalesforceOrg org)
    {
        var token = context.Request.HasFormContentType ? (await context.Request.ReadFormAsync(context.RequestAborted))["token"].ToString() : context.Request.Query["token"].ToString();
        org.Revoke(token);
        return Results.Ok();
    }

    private static IResult Identity(string orgId, string userId, HttpContext context, SalesforceOrg org)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !org.IsValidSession(header[7..].Trim()) || orgId != SalesforceOrg.OrgId || userId != SalesforceOrg.UserId)
        {
            return Results.Text("Bad_OAuth_Token", "text/plain", statusCode: 403);
        }

        return Results.Text(new JsonObject
        {
            ["id"] = context.Request.Scheme + "://" + context.Request.Host + context.Request.PathBase + context.Request.Path,
            ["user_id"] = SalesforceOrg.UserId,
            ["organization_id"] = SalesforceOrg.OrgId,
            ["username"] = SalesforceOrg.UserName,
            ["display_name"] = "Sandbox Admin",
            ["email"] = SalesforceOrg.UserName,
            ["active"] = true,
            ["user_type"] = "STANDARD",
            ["language"] = "en_US",
            ["locale"] = "en_US",
            ["utcOffset"] = 0,
        }.ToJsonString(), "application/json");
    }

    private static IResult Tokens(string root, SalesforceOrg org, string access, string? refresh, string scope)
    {
        var issuedAt = org.Time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var body = new JsonObject { ["access_token"] = access };
        if (refresh is not null)
        {
            body["refresh_token"] = refresh;
        }

        body["signature"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(issuedAt + access)[..32]);
        body["scope"] = scope;
        body["instance_url"] = root + "/instance";
        body["id"] = $"{root}/id/{SalesforceOrg.OrgId}/{SalesforceOrg.UserId}";
        body["token_type"] = "Bearer";
        body["issued_at"] = issuedAt;
        return Results.Text(body.ToJsonString(), "application/json;charset=UTF-8");
    }

    private static (string? Id, string? Secret) ClientCredentials(HttpContext context, IFormCollection form)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())).Split(':', 2);
                return (Uri.UnescapeDataString(pair[0]), pair.Length == 2 ? Uri.UnescapeDataString(pair[1]) : null);
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (form["client_id"].ToString(), form["client_secret"].ToString());
    }

    private static IResult TokenError(string error, string description) =>
        Results.Text(new JsonObject { ["error"] = error, ["error_description"] = description }.ToJsonString(), "application/json;charset=UTF-8", statusCode: 400);

    private static IResult Redirect(string redirectUri, string? state, string error, string description) =>
        Results.Redirect(QueryHelpers.AddQueryString(redirectUri,
            new Dictionary<string, string?> { ["error"] = error, ["error_description"] = description, ["state"] = state }.Where(p => p.Value is not null)));

    private static string Describe(string scope) => scope switch
    {
        "api" => "Manage user data via APIs",
        "refresh_token" or "offline_access" => "Perform requests at any time",
        "id" or "profile" or "email" or "openid" => "Access the identity URL service",
        "web" => "Manage user data via Web browsers",
        _ => "Full access",
    };

    /// <summary>The connected app's callback URLs: <c>http://localhost:{any port}/oauth/callback</c> and the 127.0.0.1 equivalent.</summary>
    private static bool IsAllowedRedirect(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.Host is "localhost" or "127.0.0.1"
        && uri.AbsolutePath == "/oauth/callback"
        && uri.Query.Length == 0;

    private static IResult Page(string title, string body, int status) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(title)}</title>"
        + "<style>body{font-family:system-ui,sans-serif;background:#eef4ff;display:flex;justify-content:center}main{background:#fff;margin-top:8vh;padding:2rem;border-radius:8px;width:28rem}"
        + "button{margin:1rem .5rem 0 0;padding:.5rem 1rem;border:0;border-radius:4px}#allow{background:#0176d3;color:#fff}.error{color:#c23934}</style>"
        + $"</head><body><main>{body}</main></body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string value) => HtmlEncoder.Default.Encode(value);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

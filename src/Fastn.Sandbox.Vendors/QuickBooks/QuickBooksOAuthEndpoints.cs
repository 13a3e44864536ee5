using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Fastn.Sandbox.Vendors.QuickBooks;

/// <summary>
/// Intuit's OAuth 2.0: the consent page at <c>/connect/oauth2</c> (pick the company, Connect/Cancel) redirecting with
/// <c>code</c>, <c>state</c> and <c>realmId</c>; <c>POST /oauth2/v1/tokens/bearer</c> with HTTP Basic client authentication
/// (authorization_code, refresh_token with rotation) answering <c>{token_type, access_token, refresh_token, expires_in: 3600,
/// x_refresh_token_expires_in}</c> or <c>{"error": "invalid_grant"}</c>; and <c>POST /v2/oauth2/tokens/revoke</c>.
/// </summary>
internal static class QuickBooksOAuthEndpoints
{
    public const string Scope = "com.intuit.quickbooks.accounting";

    public static void MapQuickBooksOAuth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/connect/oauth2", Authorize);
        routes.MapPost("/connect/oauth2", DecideAsync);
        routes.MapPost("/oauth2/v1/tokens/bearer", TokenAsync);
        routes.MapPost("/v2/oauth2/tokens/revoke", RevokeAsync);
    }

    private static IResult Authorize(HttpContext context, QuickBooksStore store)
    {
        var query = context.Request.Query;
        if (query["client_id"].ToString() != QuickBooksSandboxApp.SandboxClientId)
        {
            return Page("Error", $"<p class=\"error\" id=\"oauth-error\">invalid_client: unknown client_id '{E(query["client_id"].ToString())}'.</p>", 400);
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!IsAllowedRedirect(redirectUri))
        {
            return Page("Error", $"<p class=\"error\" id=\"oauth-error\">The redirect_uri query parameter value is invalid. Make sure it is listed in the Redirect URIs section on your app's keys tab: '{E(redirectUri)}'.</p>", 400);
        }

        if (query["response_type"].ToString() != "code")
        {
            return Page("Error", "<p class=\"error\" id=\"oauth-error\">unsupported_response_type: response_type must be code.</p>", 400);
        }

        var scopes = query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!scopes.Contains(Scope))
        {
            return Page("Error", $"<p class=\"error\" id=\"oauth-error\">invalid_scope: the app must ask for {Scope}.</p>", 400);
        }

        var requestId = store.StartConsent(redirectUri, query["state"].ToString() is { Length: > 0 } s ? s : null);
        var body = new StringBuilder();
        body.Append("<h1>Connect Fastn (local) to QuickBooks</h1><p>Fastn (local) would like to access your QuickBooks company data:</p><ul id=\"scopes\">");
        foreach (var scope in scopes)
        {
            body.Append("<li><code>").Append(E(scope)).Append("</code></li>");
        }

        body.Append("</ul><form method=\"post\" action=\"").Append(E(context.Request.PathBase + context.Request.Path)).Append("\" id=\"consent-form\">");
        body.Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(E(requestId)).Append("\">");
        body.Append("<label for=\"realm\">Company</label><select name=\"realm_id\" id=\"realm\"><option value=\"").Append(QuickBooksSandboxApp.RealmId)
            .Append("\" selected>Sandbox Company_US_1</option></select>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Connect</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Cancel</button></form>");
        return Page("Intuit – Connect your app", body.ToString(), 200);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, QuickBooksStore store)
    {
        if (!context.Request.HasFormContentType)
        {
            return Page("Error", "<p class=\"error\" id=\"oauth-error\">The form must be posted as application/x-www-form-urlencoded.</p>", 400);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (store.TakeConsent(form["request_id"].ToString()) is not { } consent)
        {
            return Page("Error", "<p class=\"error\" id=\"oauth-error\">This request is unknown or expired. Start again from the app.</p>", 400);
        }

        var parameters = new Dictionary<string, string?> { ["state"] = consent.State };
        if (form["decision"].ToString() == "allow")
        {
            parameters["code"] = store.IssueCode(consent.RedirectUri);
            parameters["realmId"] = QuickBooksSandboxApp.RealmId;
        }
        else
        {
            parameters["error"] = "access_denied";
        }

        return Results.Redirect(QueryHelpers.AddQueryString(consent.RedirectUri, parameters.Where(p => p.Value is not null)));
    }

    private static async Task<IResult> TokenAsync(HttpContext context, QuickBooksStore store)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["intuit_tid"] = Guid.NewGuid().ToString("N");
        if (!IsClient(context.Request.Headers.Authorization.ToString()))
        {
            return Error("invalid_client", 401);
        }

        if (!context.Request.HasFormContentType)
        {
            return Error("invalid_request", 400);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        switch (form["grant_type"].ToString())
        {
            case "authorization_code":
                return store.Redeem(form["code"].ToString(), form["redirect_uri"].ToString()) is { } tokens ? Tokens(tokens) : Error("invalid_grant", 400);
            case "refresh_token":
                return store.Refresh(form["refresh_token"].ToString()) is { } refreshed ? Tokens(refreshed) : Error("invalid_grant", 400);
            default:
                return Error("unsupported_grant_type", 400);
        }
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, QuickBooksStore store)
    {
        if (!IsClient(context.Request.Headers.Authorization.ToString()))
        {
            return Error("invalid_client", 401);
        }

        var token = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted))["token"].ToString()
            : (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?["token"]?.ToString() ?? "";
        store.Revoke(token);
        return Results.Ok();
    }

    private static bool IsClient(string authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return false;
        }

        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)).Split(':', 2);
            return pair.Length == 2 && Uri.UnescapeDataString(pair[0]) == QuickBooksSandboxApp.SandboxClientId && Uri.UnescapeDataString(pair[1]) == QuickBooksSandboxApp.SandboxClientSecret;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IResult Tokens((string Access, string Refresh) tokens) => Results.Text(new JsonObject
    {
        ["token_type"] = "bearer",
        ["access_token"] = tokens.Access,
        ["refresh_token"] = tokens.Refresh,
        ["expires_in"] = (int)QuickBooksStore.AccessTokenLifetime.TotalSeconds,
        ["x_refresh_token_expires_in"] = 8_726_400,
    }.ToJsonString(), "application/json");

    private static IResult Error(string error, int status) => Results.Text(new JsonObject { ["error"] = error }.ToJsonString(), "application/json", statusCode: status);

    /// <summary>The local app's redirect URIs: <c>http://localhost:{any port}/oauth/callback</c> and the 127.0.0.1 equivalent.</summary>
    private static bool IsAllowedRedirect(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.Host is "localhost" or "127.0.0.1"
        && uri.AbsolutePath == "/oauth/callback"
        && uri.Query.Length == 0;

    private static IResult Page(string title, string body, int status) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(title)}</title>"
        + "<style>body{font-family:system-ui,sans-serif;background:#f4f5f8;display:flex;justify-content:center}main{background:#fff;margin-top:8vh;padding:2rem;border-radius:8px;width:28rem}"
        + "button{margin:1rem .5rem 0 0;padding:.5rem 1rem;border:0;border-radius:4px}#allow{background:#2ca01c;color:#fff}.error{color:#c92a2a}</style>"
        + $"</head><body><main>{body}</main></body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string value) => HtmlEncoder.Default.Encode(value);
}

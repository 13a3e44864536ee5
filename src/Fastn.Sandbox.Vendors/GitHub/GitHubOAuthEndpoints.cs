using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Fastn.Sandbox.Vendors.GitHub;

/// <summary>
/// GitHub's OAuth app flow: <c>GET /login/oauth/authorize</c> shows the "Authorize app" page (the sandbox user is
/// already signed in), <c>POST</c> to it answers Authorize or Cancel, and <c>POST /login/oauth/access_token</c>
/// exchanges the code — JSON when asked with <c>Accept: application/json</c>, form-encoded otherwise, and errors
/// such as <c>bad_verification_code</c> with status 200, as GitHub does.
/// </summary>
internal static class GitHubOAuthEndpoints
{
    private const string DocsUri = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";

    public static void MapGitHubOAuth(this IEndpointRouteBuilder routes)
    {
        var oauth = routes.MapGroup("/login/oauth").DisableAntiforgery();
        oauth.MapGet("/authorize", Authorize);
        oauth.MapPost("/authorize", DecideAsync);
        oauth.MapPost("/access_token", AccessTokenAsync);
    }

    private static IResult Authorize(HttpContext context, GitHubSimulation sim)
    {
        var query = context.Request.Query;
        var clientId = query["client_id"].ToString();
        var redirectUri = query["redirect_uri"].ToString();
        if (clientId != GitHubSimulation.ClientId)
        {
            return Page("Application not found", $"<p class=\"error\" id=\"oauth-error\">No OAuth app with client_id '{E(clientId)}' is registered.</p>", 404);
        }

        if (!Uri.TryCreate(redirectUri, UriKind.Absolute, out var redirect) || redirect.Scheme is not ("http" or "https"))
        {
            return Page("Redirect URI mismatch", "<p class=\"error\" id=\"oauth-error\">The redirect_uri MUST match the registered callback URL for this application.</p>", 400);
        }

        var challenge = query["code_challenge"].ToString();
        if (challenge.Length > 0 && query["code_challenge_method"].ToString() != "S256")
        {
            return Page("Invalid request", "<p class=\"error\" id=\"oauth-error\">code_challenge_method must be S256.</p>", 400);
        }

        var scope = query["scope"].ToString();
        var request = sim.StartAuthorization(clientId, redirectUri, scope, NullIfEmpty(query["state"].ToString()), NullIfEmpty(challenge));
        var scopes = scope.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var body = new StringBuilder();
        body.Append("<h1>Authorize Fastn (sandbox)</h1>");
        body.Append("<p>Signed in as <strong id=\"login\">").Append(E(GitHubSimulation.ViewerLogin)).Append("</strong></p>");
        body.Append("<p>Fastn (sandbox) by <strong>fastn</strong> wants to access your account:</p><ul id=\"scopes\">");
        foreach (var s in scopes.Length > 0 ? scopes : ["(no scope: public information only)"])
        {
            body.Append("<li><code>").Append(E(s)).Append("</code></li>");
        }

        body.Append("</ul><form method=\"post\" action=\"authorize\" id=\"authorize-form\">");
        body.Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(E(request.Id)).Append("\">");
        body.Append("<input type=\"hidden\" name=\"authorize\" value=\"1\">");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\" class=\"secondary\">Cancel</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\" class=\"primary\">Authorize ").Append(E(GitHubSimulation.ViewerLogin)).Append("</button>");
        body.Append("</form><p class=\"hint\">Authorizing will redirect to <code>").Append(E(redirectUri)).Append("</code></p>");
        return Page("Authorize application", body.ToString(), 200);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, GitHubSimulation sim)
    {
        if (!context.Request.HasFormContentType)
        {
            return Page("Bad request", "<p class=\"error\">The form must be posted URL-encoded.</p>", 400);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var request = sim.TakeAuthorization(form["request_id"].ToString());
        if (request is null)
        {
            return Page("Expired", "<p class=\"error\" id=\"oauth-error\">This authorization request has expired or was already answered. Start again from the application.</p>", 400);
        }

        var parameters = new Dictionary<string, string?>();
        if (form["decision"].ToString() == "allow")
        {
            parameters["code"] = sim.IssueCode(request);
        }
        else
        {
            parameters["error"] = "access_denied";
            parameters["error_description"] = "The user has denied your application access.";
            parameters["error_uri"] = "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/#access-denied";
        }

        if (request.State is not null)
        {
            parameters["state"] = request.State;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(request.RedirectUri, parameters));
    }

    private static async Task<IResult> AccessTokenAsync(HttpContext context, GitHubSimulation sim)
    {
        var json = context.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase);
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted) : null;
        string Field(string name) => form?[name].ToString() is { Length: > 0 } v ? v : context.Request.Query[name].ToString();

        if (Field("client_id") != GitHubSimulation.ClientId
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Field("client_secret")), Encoding.UTF8.GetBytes(GitHubSimulation.ClientSecret)))
        {
            return Answer(json, Error("incorrect_client_credentials", "The client_id and/or client_secret passed are incorrect."));
        }

        var grant = sim.RedeemCode(Field("code"));
        if (grant is null)
        {
            return Answer(json, Error("bad_verification_code", "The code passed is incorrect or expired."));
        }

        var redirectUri = Field("redirect_uri");
        if (redirectUri.Length > 0 && redirectUri != grant.Request.RedirectUri)
        {
            return Answer(json, Error("redirect_uri_mismatch", "The redirect_uri MUST match the registered callback URL for this application."));
        }

        if (grant.Request.CodeChallenge is { } challenge)
        {
            var verifier = Field("code_verifier");
            var hashed = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (verifier.Length == 0 || hashed != challenge)
            {
                return Answer(json, Error("bad_verification_code", "The code_verifier does not match the code_challenge."));
            }
        }

        // GitHub answers the granted scopes comma-separated.
        var scope = string.Join(',', grant.Request.Scope.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries));
        var token = sim.IssueToken(grant.UserId, scope);
        return Answer(json, new JsonObject { ["access_token"] = token.Token, ["token_type"] = "bearer", ["scope"] = scope });
    }

    private static JsonObject Error(string code, string description) =>
        new() { ["error"] = code, ["error_description"] = description, ["error_uri"] = DocsUri };

    private static IResult Answer(bool json, JsonObject body)
    {
        if (json)
        {
            return Results.Text(body.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, 200);
        }

        var text = string.Join('&', body.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value?.ToString() ?? "")}"));
        return Results.Text(text, "application/x-www-form-urlencoded; charset=utf-8", Encoding.UTF8, 200);
    }

    private static IResult Page(string title, string body, int status) =>
        Results.Content(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + E(title) + " · GitHub (sandbox)</title><style>"
            + "body{font-family:-apple-system,system-ui,sans-serif;background:#f6f8fa;display:flex;justify-content:center}"
            + "main{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin-top:8vh;padding:24px;width:26rem}"
            + "button{padding:5px 16px;border-radius:6px;border:1px solid #1f232826;font-size:14px;margin:12px 8px 0 0;cursor:pointer}"
            + ".primary{background:#1f883d;color:#fff}.error{color:#d1242f}.hint{color:#59636e;font-size:12px}</style></head>"
            + "<body><main><div><strong>GitHub</strong> · sandbox</div>" + body + "</main></body></html>",
            "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string value) => HtmlEncoder.Default.Encode(value);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

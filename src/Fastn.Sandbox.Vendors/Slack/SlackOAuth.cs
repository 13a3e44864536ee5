using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Fastn.Sandbox.Vendors.Slack;

/// <summary>
/// Slack's OAuth v2: the consent page at <c>/oauth/v2/authorize</c> (a plain HTML form with Allow/Deny, no antiforgery token, so an
/// HttpClient can script it) and <c>oauth.v2.access</c> for code exchange and token rotation.
/// </summary>
internal static class SlackOAuth
{
    /// <summary>Every bot scope the simulation knows, with the wording of Slack's consent screen.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownScopes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["chat:write"] = "Send messages as @fastn",
        ["chat:write.public"] = "Send messages to channels @fastn isn't a member of",
        ["channels:read"] = "View basic information about public channels",
        ["channels:history"] = "View messages and other content in public channels that @fastn has been added to",
        ["channels:manage"] = "Manage public channels that @fastn has been added to and create new ones",
        ["groups:read"] = "View basic information about private channels that @fastn has been added to",
        ["reactions:write"] = "Add and edit emoji reactions",
        ["reactions:read"] = "View emoji reactions and their associated content",
        ["users:read"] = "View people in the workspace",
        ["users:read.email"] = "View email addresses of people in the workspace",
        ["app_mentions:read"] = "View messages that directly mention @fastn",
    };

    public static void MapSlackOAuth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/oauth/v2/authorize", Authorize);
        routes.MapPost("/oauth/v2/authorize", DecideAsync).DisableAntiforgery();
    }

    private static IResult Authorize(HttpContext context, SlackWorkspace workspace, SlackSandboxApp app)
    {
        var query = context.Request.Query;
        var clientId = query["client_id"].ToString();
        var redirectUri = query["redirect_uri"].ToString();
        if (clientId != app.ClientId)
        {
            return Page("Something's gone wrong", "<p class=\"error\" id=\"error\">invalid_client_id: no app with that client_id is installed here.</p>", 400);
        }

        if (!IsAllowedRedirect(redirectUri))
        {
            return Page("Something's gone wrong", $"<p class=\"error\" id=\"error\">bad_redirect_uri: {E(redirectUri)} does not match a redirect URL of the app.</p>", 400);
        }

        var scopes = query["scope"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (scopes.FirstOrDefault(s => !KnownScopes.ContainsKey(s)) is { } bad)
        {
            return Page("Something's gone wrong", $"<p class=\"error\" id=\"error\">invalid_scope: {E(bad)} is not a bot scope.</p>", 400);
        }

        var state = query["state"].ToString();
        var request = workspace.BeginAuthorization(clientId, redirectUri, scopes, state.Length == 0 ? null : state);
        var body = new StringBuilder();
        body.Append("<h1>Fastn is requesting permission to access the <strong>").Append(E(SlackWorkspace.TeamName)).Append("</strong> Slack workspace</h1>");
        body.Append("<p>What will Fastn be able to view and do?</p><ul id=\"scopes\">");
        foreach (var scope in scopes)
        {
            body.Append("<li><code>").Append(E(scope)).Append("</code> – ").Append(E(KnownScopes[scope])).Append("</li>");
        }

        body.Append("</ul><form method=\"post\" action=\"").Append(E(context.Request.PathBase + context.Request.Path)).Append("\" id=\"consent-form\">");
        body.Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(E(request.Id)).Append("\">");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Cancel</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\" class=\"primary\">Allow</button></form>");
        return Page("Authorize Fastn – Slack", body.ToString(), 200);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, SlackWorkspace workspace)
    {
        if (!context.Request.HasFormContentType)
        {
            return Page("Something's gone wrong", "<p class=\"error\">The consent form must be posted as a form.</p>", 400);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var request = workspace.TakeAuthorization(form["request_id"].ToString());
        if (request is null)
        {
            return Page("Something's gone wrong", "<p class=\"error\" id=\"error\">This authorization request expired or was already used. Start again.</p>", 400);
        }

        var query = new Dictionary<string, string?>();
        if (form["decision"].ToString() == "allow")
        {
            query["code"] = workspace.IssueCode(request);
        }
        else
        {
            query["error"] = "access_denied";
        }

        if (request.State is not null)
        {
            query["state"] = request.State;
        }

        return Results.Redirect(QueryHelpers.AddQueryString(request.RedirectUri, query));
    }

    /// <summary><c>oauth.v2.access</c>: client id and secret by HTTP Basic or in the body; code + redirect_uri, or grant_type=refresh_token.</summary>
    public static IResult Access(HttpContext context, IReadOnlyDictionary<string, string> args, SlackWorkspace workspace, SlackSandboxApp app)
    {
        context.Response.Headers.CacheControl = "no-store";
        var (clientId, secret) = ClientCredentials(context, args);
        if (clientId != app.ClientId)
        {
            return Json(SlackWebApi.Error("invalid_client_id"));
        }

        if (secret is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(app.ClientSecret)))
        {
            return Json(SlackWebApi.Error("bad_client_secret"));
        }

        SimToken? token;
        if (args.GetValueOrDefault("grant_type") == "refresh_token")
        {
            token = workspace.Refresh(args.GetValueOrDefault("refresh_token") ?? "");
            if (token is null)
            {
                return Json(SlackWebApi.Error("invalid_refresh_token"));
            }
        }
        else
        {
            token = workspace.RedeemCode(args.GetValueOrDefault("code") ?? "", args.GetValueOrDefault("redirect_uri") ?? "", out var error);
            if (token is null)
            {
                return Json(SlackWebApi.Error(error!));
            }
        }

        return Json(new JsonObject
        {
            ["ok"] = true,
            ["app_id"] = SlackWorkspace.AppId,
            ["authed_user"] = new JsonObject { ["id"] = workspace.Read(w => w.Users[0].Id) },
            ["scope"] = string.Join(',', token.Scopes.Order(StringComparer.Ordinal)),
            ["token_type"] = "bot",
            ["access_token"] = token.AccessToken,
            ["bot_user_id"] = SlackWorkspace.BotUserId,
            ["refresh_token"] = token.RefreshToken,
            ["expires_in"] = (int)SlackWorkspace.TokenLifetime.TotalSeconds,
            ["team"] = new JsonObject { ["id"] = SlackWorkspace.TeamId, ["name"] = SlackWorkspace.TeamName },
            ["enterprise"] = null,
            ["is_enterprise_install"] = false,
        });
    }

    /// <summary>Redirect URLs the sandbox app has configured: any loopback host's <c>/oauth/callback</c>, on any port.</summary>
    private static bool IsAllowedRedirect(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && (uri.IsLoopback || uri.Host == "localhost")
        && uri.AbsolutePath.EndsWith("/oauth/callback", StringComparison.Ordinal);

    private static (string? ClientId, string? Secret) ClientCredentials(HttpContext context, IReadOnlyDictionary<string, string> args)
    {
        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    return (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
                }
            }
            catch (FormatException)
            {
                return (null, null);
            }
        }

        return (args.GetValueOrDefault("client_id"), args.GetValueOrDefault("client_secret"));
    }

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8");

    private static IResult Page(string title, string body, int status) => Results.Content(
        $$"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{{E(title)}}</title>
        <style>body{font-family:Lato,system-ui,sans-serif;background:#f8f8f8;display:flex;justify-content:center}main{background:#fff;margin-top:8vh;padding:2rem;border-radius:8px;box-shadow:0 1px 8px #0002;width:32rem}
        .primary{background:#007a5a;color:#fff}button{margin:1rem .5rem 0 0;padding:.5rem 1.2rem;border:1px solid #ccc;border-radius:4px;cursor:pointer}.error{color:#e01e5a}</style></head>
        <body><main><div style="font-weight:900;color:#4a154b">slack <small>(sandbox)</small></div>{{body}}</main></body></html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);
}

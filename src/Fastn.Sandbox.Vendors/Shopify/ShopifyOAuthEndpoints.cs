using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;

namespace Fastn.Sandbox.Vendors.Shopify;

/// <summary>
/// Shopify's app install (authorization code grant): <c>GET /{shop}/admin/oauth/authorize</c> shows the install page with the
/// requested scopes (Install / Cancel form); installing redirects with <c>code</c>, <c>hmac</c>, <c>host</c>, <c>shop</c>,
/// <c>state</c> and <c>timestamp</c>. <c>POST /{shop}/admin/oauth/access_token</c> takes client_id, client_secret and code
/// (form or JSON) and answers an offline token <c>{access_token, scope}</c> that never expires.
/// </summary>
internal static class ShopifyOAuthEndpoints
{
    public static void MapShopifyOAuth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/{shop}/admin/oauth/authorize", Authorize);
        routes.MapPost("/{shop}/admin/oauth/authorize", DecideAsync);
        routes.MapPost("/{shop}/admin/oauth/access_token", TokenAsync);
    }

    /// <summary>The callback <c>hmac</c>: hex HMAC-SHA256 of the sorted <c>key=value</c> pairs joined by <c>&amp;</c>, keyed with the client secret.</summary>
    public static string CallbackHmac(IEnumerable<KeyValuePair<string, string>> parameters) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ShopifySandboxApp.SandboxClientSecret),
            Encoding.UTF8.GetBytes(string.Join('&', parameters.Where(p => p.Key != "hmac").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value)))));

    private static IResult Authorize(HttpContext context, ShopifyStore store, string shop)
    {
        var query = context.Request.Query;
        if (!ShopifyAdminEndpoints.ShopPattern().IsMatch(shop))
        {
            return Page("There's no page at this address", "<p class=\"error\" id=\"oauth-error\">The shop does not exist.</p>", 404);
        }

        if (query["client_id"].ToString() != ShopifySandboxApp.SandboxClientId)
        {
            return Page("Oauth error invalid_request", $"<p class=\"error\" id=\"oauth-error\">Oauth error invalid_request: The client_id '{E(query["client_id"].ToString())}' is not valid.</p>", 400);
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!IsAllowedRedirect(redirectUri))
        {
            return Page("Oauth error invalid_request", $"<p class=\"error\" id=\"oauth-error\">Oauth error invalid_request: The redirect_uri '{E(redirectUri)}' is not whitelisted.</p>", 400);
        }

        var scopes = query["scope"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        if (scopes.FirstOrDefault(s => !ShopifySandboxApp.KnownScopes.Contains(s)) is { } bad)
        {
            return Page("Oauth error invalid_scope", $"<p class=\"error\" id=\"oauth-error\">Oauth error invalid_scope: The access scope is invalid: {E(bad)}.</p>", 400);
        }

        var consent = store.StartConsent(shop, redirectUri, scopes, NullIfEmpty(query["state"].ToString()));
        var action = context.Request.PathBase + context.Request.Path;
        var body = new StringBuilder();
        body.Append("<h1>Install Fastn (local)</h1><p id=\"shop\">on <strong>").Append(E(shop)).Append(".myshopify.com</strong></p>");
        body.Append("<p>This app will be able to:</p><ul id=\"scopes\">");
        foreach (var scope in scopes.Order(StringComparer.Ordinal))
        {
            body.Append("<li><code>").Append(E(scope)).Append("</code></li>");
        }

        body.Append("</ul><form method=\"post\" action=\"").Append(E(action)).Append("\" id=\"install-form\">");
        body.Append("<input type=\"hidden\" name=\"request_id\" value=\"").Append(E(consent.Id)).Append("\">");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"allow\" id=\"allow\">Install app</button>");
        body.Append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Cancel</button></form>");
        return Page("Install app – Shopify", body.ToString(), 200);
    }

    private static async Task<IResult> DecideAsync(HttpContext context, ShopifyStore store, string shop)
    {
        if (!context.Request.HasFormContentType)
        {
            return Page("Oauth error invalid_request", "<p class=\"error\" id=\"oauth-error\">The form must be posted as application/x-www-form-urlencoded.</p>", 400);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (store.TakeConsent(form["request_id"].ToString()) is not { } consent || !string.Equals(consent.Shop, shop, StringComparison.OrdinalIgnoreCase))
        {
            return Page("Oauth error invalid_request", "<p class=\"error\" id=\"oauth-error\">This install request is unknown or expired. Start again from the app.</p>", 400);
        }

        if (form["decision"].ToString() != "allow")
        {
            var denied = new Dictionary<string, string?> { ["error"] = "access_denied", ["error_description"] = "The merchant did not install the app.", ["state"] = consent.State };
            return Results.Redirect(QueryHelpers.AddQueryString(consent.RedirectUri, denied.Where(p => p.Value is not null)));
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["code"] = store.IssueCode(consent),
            ["host"] = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"admin.shopify.com/store/{consent.Shop}")),
            ["shop"] = consent.Shop + ".myshopify.com",
            ["timestamp"] = store.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        if (consent.State is { } state)
        {
            parameters["state"] = state;
        }

        parameters["hmac"] = CallbackHmac(parameters);
        return Results.Redirect(QueryHelpers.AddQueryString(consent.RedirectUri, parameters!));
    }

    private static async Task<IResult> TokenAsync(HttpContext context, ShopifyStore store, string shop)
    {
        context.Response.Headers.CacheControl = "no-store";
        Dictionary<string, string> values;
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            values = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        }
        else
        {
            try
            {
                var json = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
                values = json?.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal) ?? [];
            }
            catch (JsonException)
            {
                values = [];
            }
        }

        if (values.GetValueOrDefault("client_id") != ShopifySandboxApp.SandboxClientId || values.GetValueOrDefault("client_secret") != ShopifySandboxApp.SandboxClientSecret)
        {
            return OAuthError("invalid_client", "Client credentials cannot be found");
        }

        if (store.Redeem(shop, values.GetValueOrDefault("code") ?? "") is not { } grant)
        {
            return OAuthError("invalid_request", "The authorization code was not found or was already used");
        }

        return ShopifyAdminEndpoints.Json(new JsonObject { ["access_token"] = grant.Token, ["scope"] = string.Join(',', grant.Scopes) });
    }

    private static IResult OAuthError(string error, string description) =>
        ShopifyAdminEndpoints.Json(new JsonObject { ["error"] = error, ["error_description"] = description }, 400);

    /// <summary>The local app's allowed redirection URLs: <c>http://localhost:{any port}/oauth/callback</c> and the 127.0.0.1 equivalent.</summary>
    private static bool IsAllowedRedirect(string redirectUri) =>
        Uri.TryCreate(redirectUri, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && uri.Host is "localhost" or "127.0.0.1"
        && uri.AbsolutePath == "/oauth/callback"
        && uri.Query.Length == 0;

    private static IResult Page(string title, string body, int status) => Results.Content(
        $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(title)}</title>"
        + "<style>body{font-family:system-ui,sans-serif;background:#f1f1f1;display:flex;justify-content:center}main{background:#fff;margin-top:8vh;padding:2rem;border-radius:12px;width:28rem}"
        + "button{margin:1rem .5rem 0 0;padding:.5rem 1rem;border:0;border-radius:8px}#allow{background:#008060;color:#fff}.error{color:#d72c0d}</style>"
        + $"</head><body><main>{body}</main></body></html>",
        "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string E(string value) => HtmlEncoder.Default.Encode(value);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}

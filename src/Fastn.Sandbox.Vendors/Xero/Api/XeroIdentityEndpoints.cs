using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.Xero.Api;

/// <summary>login.xero.com and identity.xero.com: authorize, sign-in, consent, token, revocation and connections.</summary>
internal static class XeroIdentityEndpoints
{
    public static void MapXeroIdentity(this IEndpointRouteBuilder routes)
    {
        var identity = routes.MapGroup(string.Empty).DisableAntiforgery();
        identity.MapGet("/identity/connect/authorize", Authorize);
        identity.MapPost("/identity/login", LoginAsync);
        identity.MapPost("/identity/consent", ConsentAsync);
        identity.MapPost("/connect/token", TokenAsync);
        identity.MapPost("/connect/revocation", RevokeAsync);
        identity.MapGet("/connections", Connections);
    }

    private static IResult Authorize(HttpContext context, XeroSimulation sim, SandboxUrls urls)
    {
        var query = context.Request.Query;
        if (query["client_id"].ToString() != XeroSandboxApp.DefaultClientId)
        {
            return XeroPages.Error("Unknown application", $"No app with client_id '{query["client_id"]}' is registered. Use '{XeroSandboxApp.DefaultClientId}'.");
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!IsAllowedRedirect(redirectUri))
        {
            return XeroPages.Error("Invalid redirect_uri", $"The redirect URI '{redirectUri}' is not registered for this app.");
        }

        var state = NullIfEmpty(query["state"].ToString());
        if (query["response_type"].ToString() != "code")
        {
            return Redirect(redirectUri, ("error", "unsupported_response_type"), ("state", state));
        }

        var scopes = query["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (scopes.FirstOrDefault(s => !KnownScopes.Contains(s)) is { } bad)
        {
            return Redirect(redirectUri, ("error", "invalid_scope"), ("error_description", $"Unknown scope {bad}"), ("state", state));
        }

        var challenge = NullIfEmpty(query["code_challenge"].ToString());
        if (challenge is not null && query["code_challenge_method"].ToString() != "S256")
        {
            return Redirect(redirectUri, ("error", "invalid_request"), ("error_description", "code_challenge_method must be S256"), ("state", state));
        }

        var request = sim.CreateRequest(redirectUri, state, scopes, challenge);
        return XeroPages.Login(request, urls.AppPath(context, XeroSandboxApp.AppName) + "/identity/login");
    }

    private static async Task<IResult> LoginAsync(HttpContext context, XeroSimulation sim, SandboxUrls urls)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var request = sim.FindRequest(form["request_id"].ToString());
        if (request is null)
        {
            return XeroPages.Error("Session expired", "This sign-in attempt expired. Start connecting again from the application.");
        }

        if (!string.Equals(form["email"].ToString(), XeroSandboxApp.DemoEmail, StringComparison.OrdinalIgnoreCase) || form["password"].ToString() != XeroSandboxApp.DemoPassword)
        {
            return XeroPages.Login(request, urls.AppPath(context, XeroSandboxApp.AppName) + "/identity/login", "Your email or password is incorrect.");
        }

        sim.SignIn(request);
        List<SimOrganisation> organisations;
        lock (sim.Sync)
        {
            organisations = [.. sim.Organisations];
        }

        return XeroPages.Consent(request, urls.AppPath(context, XeroSandboxApp.AppName) + "/identity/consent", organisations);
    }

    private static async Task<IResult> ConsentAsync(HttpContext context, XeroSimulation sim)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var request = sim.FindRequest(form["request_id"].ToString());
        if (request is null || !request.SignedIn)
        {
            return XeroPages.Error("Session expired", "Sign in again to authorise the application.");
        }

        if (form["decision"].ToString() != "allow")
        {
            sim.Deny(request);
            return Redirect(request.RedirectUri, ("error", "access_denied"), ("state", request.State));
        }

        var tenant = NullIfEmpty(form["tenant_id"].ToString()) ?? sim.Organisations[0].TenantId;
        if (sim.Find(tenant) is null)
        {
            return XeroPages.Error("Unknown organisation", $"There is no organisation '{tenant}'.");
        }

        var code = sim.IssueCode(request, [tenant]);
        return Redirect(request.RedirectUri, ("code", code), ("scope", string.Join(' ', request.Scopes)), ("state", request.State));
    }

    private static async Task<IResult> TokenAsync(HttpContext context, XeroSimulation sim)
    {
        context.Response.Headers.CacheControl = "no-store";
        if (!context.Request.HasFormContentType)
        {
            return TokenError("invalid_request");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!ClientAuthenticated(context, form))
        {
            return TokenError("invalid_client", StatusCodes.Status401Unauthorized);
        }

        var (tokens, error) = form["grant_type"].ToString() switch
        {
            "authorization_code" => sim.RedeemCode(form["code"].ToString(), form["redirect_uri"].ToString(), NullIfEmpty(form["code_verifier"].ToString())),
            "refresh_token" => sim.Refresh(form["refresh_token"].ToString()),
            _ => (null, "unsupported_grant_type"),
        };
        return tokens is not null ? Results.Json(tokens) : TokenError(error!);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, XeroSimulation sim)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (!ClientAuthenticated(context, form))
        {
            return TokenError("invalid_client", StatusCodes.Status401Unauthorized);
        }

        sim.Revoke(form["token"].ToString());
        return Results.Ok();
    }

    private static IResult Connections(HttpContext context, XeroSimulation sim)
    {
        var grant = sim.Authenticate(context.Request.Headers.Authorization.ToString());
        return grant is null ? XeroApiFilter.Unauthorized(context) : Results.Json(sim.Connections(grant));
    }

    /// <summary>Xero's token endpoint takes the client in HTTP Basic (or, for PKCE apps, client_id in the body).</summary>
    private static bool ClientAuthenticated(HttpContext context, IFormCollection form)
    {
        if (AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var auth)
            && string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter ?? ""));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon > 0 && Uri.UnescapeDataString(pair[..colon]) == XeroSandboxApp.DefaultClientId
                    && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(pair[(colon + 1)..])), Encoding.UTF8.GetBytes(XeroSandboxApp.DefaultClientSecret));
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return form["client_id"].ToString() == XeroSandboxApp.DefaultClientId
            && (form["client_secret"].ToString() is var secret && (secret.Length == 0 && form.ContainsKey("code_verifier") || secret == XeroSandboxApp.DefaultClientSecret));
    }

    private static bool IsAllowedRedirect(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
        && (parsed.IsLoopback || parsed.Host == "localhost") && parsed.AbsolutePath.EndsWith("/oauth/callback", StringComparison.Ordinal);

    private static IResult TokenError(string error, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error }, statusCode: status);

    private static IResult Redirect(string uri, params (string Name, string? Value)[] parameters)
    {
        var query = string.Join('&', parameters.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}"));
        return Results.Redirect(uri + (uri.Contains('?', StringComparison.Ordinal) ? '&' : '?') + query);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static readonly HashSet<string> KnownScopes = new(StringComparer.Ordinal)
    {
        "offline_access", "openid", "profile", "email", "accounting.transactions", "accounting.transactions.read", "accounting.contacts",
        "accounting.contacts.read", "accounting.settings", "accounting.settings.read", "accounting.reports.read", "accounting.journals.read",
        "accounting.attachments", "accounting.attachments.read",
    };
}

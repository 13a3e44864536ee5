using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Fastn.Samples.Acme.Api;
using Fastn.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Samples.Acme.OAuth;

/// <summary>
/// The OAuth 2.0 authorization server: authorization code with PKCE through HTML login and consent pages,
/// token endpoint (authorization_code, rotating refresh_token, client_credentials), revocation (RFC 7009)
/// and server metadata (RFC 8414).
/// </summary>
internal static class AcmeOAuthEndpoints
{
    public static void MapAcmeOAuth(this IEndpointRouteBuilder routes)
    {
        var oauth = routes.MapGroup("/oauth").DisableAntiforgery();
        oauth.MapGet("/authorize", Authorize);
        oauth.MapPost("/login", LoginAsync);
        oauth.MapPost("/consent", ConsentAsync);
        oauth.MapPost("/token", TokenAsync);
        oauth.MapPost("/revoke", RevokeAsync);
        routes.MapGet("/.well-known/oauth-authorization-server", Metadata);
    }

    private static IResult Authorize(HttpContext context, AcmeState state, SandboxUrls urls)
    {
        var query = context.Request.Query;
        var clientId = query["client_id"].ToString();
        var redirectUri = query["redirect_uri"].ToString();

        // Until client and redirect URI are known good, errors are shown here, never redirected.
        var client = state.Options.FindClient(clientId);
        if (client is null)
        {
            return AcmeOAuthPages.Error(
                "Unknown application",
                clientId.Length == 0 ? "The request has no client_id." : $"No application with client_id '{clientId}' is registered with Acme CRM.");
        }

        if (redirectUri.Length == 0 || !client.IsRedirectUriAllowed(redirectUri))
        {
            return AcmeOAuthPages.Error(
                "Invalid redirect URI",
                $"The redirect_uri '{redirectUri}' is not registered for '{client.DisplayName}'. Registered: {string.Join(", ", client.RedirectUris)}.");
        }

        var stateParam = NullIfEmpty(query["state"].ToString());
        if (query["response_type"].ToString() != "code")
        {
            return RedirectError(context, redirectUri, "unsupported_response_type", "Only response_type=code is supported.", stateParam);
        }

        var challenge = NullIfEmpty(query["code_challenge"].ToString());
        var method = NullIfEmpty(query["code_challenge_method"].ToString());
        if (challenge is null && (state.Options.RequirePkce || client.ClientSecret is null))
        {
            return RedirectError(context, redirectUri, "invalid_request", "PKCE is required: send code_challenge and code_challenge_method=S256.", stateParam);
        }

        if (challenge is not null && (method != "S256" || challenge.Length != 43 || !challenge.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return RedirectError(context, redirectUri, "invalid_request", "code_challenge must be a base64url SHA-256 hash with code_challenge_method=S256.", stateParam);
        }

        var scopes = AcmeScopes.Parse(query["scope"].ToString());
        if (scopes.Count == 0)
        {
            scopes = [.. client.AllowedScopes];
        }

        if (scopes.FirstOrDefault(s => !client.AllowedScopes.Contains(s)) is { } badScope)
        {
            return RedirectError(context, redirectUri, "invalid_scope", $"Unknown or not allowed scope '{badScope}'.", stateParam);
        }

        var request = state.Tokens.CreateAuthorizationRequest(client, redirectUri, scopes, stateParam, challenge);
        return AcmeOAuthPages.Login(request, OAuthPath(context, urls, "login"), state.Options);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, AcmeState state, SandboxUrls urls)
    {
        if (!context.Request.HasFormContentType)
        {
            return AcmeOAuthPages.Error("Bad request", "The sign-in form must be posted as application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var request = state.Tokens.FindAuthorizationRequest(form["request_id"].ToString());
        if (request is null)
        {
            return ExpiredRequest();
        }

        var email = form["email"].ToString();
        var account = state.Authenticate(email, form["password"].ToString());
        if (account is null)
        {
            return AcmeOAuthPages.Login(request, OAuthPath(context, urls, "login"), state.Options, "Wrong e-mail or password.", email);
        }

        request.AccountId = account.Id;
        return AcmeOAuthPages.Consent(request, OAuthPath(context, urls, "consent"), account);
    }

    private static async Task<IResult> ConsentAsync(HttpContext context, AcmeState state)
    {
        if (!context.Request.HasFormContentType)
        {
            return AcmeOAuthPages.Error("Bad request", "The consent form must be posted as application/x-www-form-urlencoded.");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var request = state.Tokens.FindAuthorizationRequest(form["request_id"].ToString());
        if (request is null)
        {
            return ExpiredRequest();
        }

        if (request.AccountId is null)
        {
            return AcmeOAuthPages.Error("Not signed in", "Sign in before approving access.");
        }

        switch (form["decision"].ToString())
        {
            case "allow":
                var code = state.Tokens.IssueCode(request);
                return Redirect(context, request.RedirectUri, new() { ["code"] = code, ["state"] = request.State });
            case "deny":
                state.Tokens.RemoveAuthorizationRequest(request.Id);
                return RedirectError(context, request.RedirectUri, "access_denied", "The user denied access.", request.State);
            default:
                return AcmeOAuthPages.Error("Bad request", "The decision must be 'allow' or 'deny'.");
        }
    }

    private static async Task<IResult> TokenAsync(HttpContext context, AcmeState state, TimeProvider time)
    {
        NoStore(context);
        if (!context.Request.HasFormContentType)
        {
            state.Tokens.CountTokenRequest(isRefresh: false);
            return Error(context, OAuthError.InvalidRequest("The body must be application/x-www-form-urlencoded."));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grantType = form["grant_type"].ToString();
        state.Tokens.CountTokenRequest(isRefresh: grantType == "refresh_token");
        if (await AcmeFaultResponder.ApplyAsync(state, AcmeFaultTarget.Token, context, time) is { } failure)
        {
            return failure;
        }

        var (client, clientError) = AuthenticateClient(context, form, state.Options);
        if (client is null)
        {
            return Error(context, clientError!);
        }

        var (tokens, error) = grantType switch
        {
            "authorization_code" => state.Tokens.RedeemCode(
                client, form["code"].ToString(), form["redirect_uri"].ToString(), NullIfEmpty(form["code_verifier"].ToString())),
            "refresh_token" => state.Tokens.Refresh(client, form["refresh_token"].ToString(), NullIfEmpty(form["scope"].ToString())),
            "client_credentials" => ClientCredentials(client, form["scope"].ToString(), state),
            "" => (null, OAuthError.InvalidRequest("The 'grant_type' parameter is required.")),
            _ => (null, new OAuthError("unsupported_grant_type", $"grant_type '{grantType}' is not supported.")),
        };
        return tokens is not null ? AcmeResults.Json(tokens) : Error(context, error!);
    }

    private static (AcmeTokenSet?, OAuthError?) ClientCredentials(AcmeOAuthClient client, string scope, AcmeState state)
    {
        if (client.ClientSecret is null)
        {
            return (null, new OAuthError("unauthorized_client", "Public clients cannot use client_credentials."));
        }

        var scopes = AcmeScopes.Parse(scope);
        if (scopes.FirstOrDefault(s => !client.AllowedScopes.Contains(s)) is { } bad)
        {
            return (null, OAuthError.InvalidScope($"Unknown or not allowed scope '{bad}'."));
        }

        return (state.Tokens.ClientCredentials(client, state.Account.Id, scopes.Count > 0 ? scopes : [.. client.AllowedScopes]), null);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, AcmeState state, TimeProvider time)
    {
        NoStore(context);
        if (await AcmeFaultResponder.ApplyAsync(state, AcmeFaultTarget.Revoke, context, time) is { } failure)
        {
            return failure;
        }

        if (!context.Request.HasFormContentType)
        {
            return Error(context, OAuthError.InvalidRequest("The body must be application/x-www-form-urlencoded."));
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var (client, clientError) = AuthenticateClient(context, form, state.Options);
        if (client is null)
        {
            return Error(context, clientError!);
        }

        var token = form["token"].ToString();
        if (token.Length == 0)
        {
            return Error(context, OAuthError.InvalidRequest("The 'token' parameter is required."));
        }

        // RFC 7009 §2.2: unknown or already revoked tokens also answer 200.
        state.Tokens.Revoke(client, token);
        return Results.Ok();
    }

    private static IResult Metadata(HttpContext context, SandboxUrls urls)
    {
        var issuer = Issuer(context, urls);
        return AcmeResults.Json(new
        {
            issuer,
            authorization_response_iss_parameter_supported = true,
            authorization_endpoint = issuer + "/oauth/authorize",
            token_endpoint = issuer + "/oauth/token",
            revocation_endpoint = issuer + "/oauth/revoke",
            scopes_supported = AcmeScopes.All,
            response_types_supported = new[] { "code" },
            grant_types_supported = new[] { "authorization_code", "refresh_token", "client_credentials" },
            code_challenge_methods_supported = new[] { "S256" },
            token_endpoint_auth_methods_supported = new[] { "client_secret_basic", "client_secret_post", "none" },
        });
    }

    /// <summary>RFC 6749 §2.3.1: HTTP Basic (form-urlencoded id and secret) or client_id/client_secret in the body, not both.</summary>
    private static (AcmeOAuthClient? Client, OAuthError? Error) AuthenticateClient(HttpContext context, IFormCollection form, AcmeOptions options)
    {
        string? clientId;
        string? secret;
        var usedBasic = false;
        var header = context.Request.Headers.Authorization.ToString();
        if (AuthenticationHeaderValue.TryParse(header, out var auth) && string.Equals(auth.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (form.ContainsKey("client_secret"))
            {
                return (null, OAuthError.InvalidRequest("Use one client authentication method, not both Basic and client_secret."));
            }

            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth.Parameter ?? string.Empty));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon < 0)
                {
                    return (null, OAuthError.InvalidClient("Malformed Basic credentials."));
                }

                clientId = Uri.UnescapeDataString(decoded[..colon].Replace('+', ' '));
                secret = Uri.UnescapeDataString(decoded[(colon + 1)..].Replace('+', ' '));
                usedBasic = true;
            }
            catch (FormatException)
            {
                return (null, OAuthError.InvalidClient("Malformed Basic credentials."));
            }
        }
        else
        {
            clientId = NullIfEmpty(form["client_id"].ToString());
            secret = NullIfEmpty(form["client_secret"].ToString());
        }

        if (usedBasic)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"acme\"";
        }

        var client = options.FindClient(clientId);
        if (client is null)
        {
            return (null, OAuthError.InvalidClient("Unknown client."));
        }

        if (client.ClientSecret is null)
        {
            return secret is null ? (client, null) : (null, OAuthError.InvalidClient("Public clients have no secret."));
        }

        if (secret is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(client.ClientSecret)))
        {
            return (null, OAuthError.InvalidClient("Client authentication failed."));
        }

        return (client, null);
    }

    private static IResult Error(HttpContext context, OAuthError error)
    {
        if (error.StatusCode != StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.Remove("WWW-Authenticate");
        }

        return Results.Json(new { error = error.Error, error_description = error.Description }, statusCode: error.StatusCode);
    }

    private static IResult ExpiredRequest() =>
        AcmeOAuthPages.Error("Sign-in expired", "This sign-in request is unknown or has expired. Start connecting again from the application.");

    private static IResult RedirectError(HttpContext context, string redirectUri, string error, string description, string? state) =>
        Redirect(context, redirectUri, new() { ["error"] = error, ["error_description"] = description, ["state"] = state });

    /// <summary>Every authorization response names its issuer (RFC 9207), as the metadata's <c>authorization_response_iss_parameter_supported</c> says.</summary>
    private static IResult Redirect(HttpContext context, string redirectUri, Dictionary<string, string?> parameters)
    {
        parameters["iss"] = Issuer(context, context.RequestServices.GetRequiredService<SandboxUrls>());
        return Results.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters.Where(p => p.Value is not null)));
    }

    private static string Issuer(HttpContext context, SandboxUrls urls) => urls.AppBaseUrl(context, AcmeSandboxApp.AppName);

    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
    }

    private static string OAuthPath(HttpContext context, SandboxUrls urls, string endpoint) =>
        $"{urls.AppPath(context, AcmeSandboxApp.AppName)}/oauth/{endpoint}";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

using System.Globalization;
using Fastn.Samples.Acme.OAuth;
using Microsoft.AspNetCore.Http;

namespace Fastn.Samples.Acme.Api;

/// <summary>
/// Guards every <c>/api/v1</c> endpoint: injected faults first, then the bearer token (401 when missing,
/// unknown, revoked or expired), the per-token rate limit (429 + <c>Retry-After</c>) and the endpoint's scope (403).
/// </summary>
internal sealed class AcmeApiFilter(AcmeState state, TimeProvider time) : IEndpointFilter
{
    private const string TokenItemKey = "Fastn.Samples.Acme.AccessToken";

    public static AcmeAccessToken GetToken(HttpContext context) =>
        context.Items[TokenItemKey] as AcmeAccessToken ?? throw new InvalidOperationException("The request is not authenticated.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (await AcmeFaultResponder.ApplyAsync(state, AcmeFaultTarget.Api, http, time) is { } failure)
        {
            return failure;
        }

        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"acme\"";
            return AcmeResults.Json(
                new TokenError("invalid_token", "Missing access token: send 'Authorization: Bearer <access token>'."),
                StatusCodes.Status401Unauthorized);
        }

        var token = state.Tokens.ValidateAccessToken(header[7..].Trim());
        if (token is null)
        {
            const string Description = "The access token is invalid, revoked or expired.";
            http.Response.Headers.WWWAuthenticate = $"Bearer realm=\"acme\", error=\"invalid_token\", error_description=\"{Description}\"";
            return AcmeResults.Json(new TokenError("invalid_token", Description), StatusCodes.Status401Unauthorized);
        }

        if (!state.RateLimiter.TryAcquire(token.Token, out var retryAfter))
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return AcmeResults.Error(
                StatusCodes.Status429TooManyRequests, "rate_limited",
                $"Rate limit of {state.Options.RateLimitPermits} requests per {state.Options.RateLimitWindow.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s exceeded; retry after {seconds} s.");
        }

        var required = http.GetEndpoint()?.Metadata.GetMetadata<AcmeRequiredScope>();
        if (required is not null && !token.Scopes.Contains(required.Scope))
        {
            http.Response.Headers.WWWAuthenticate = $"Bearer realm=\"acme\", error=\"insufficient_scope\", scope=\"{required.Scope}\"";
            return AcmeResults.Json(
                new TokenError("insufficient_scope", $"This endpoint needs the '{required.Scope}' scope."), StatusCodes.Status403Forbidden);
        }

        http.Items[TokenItemKey] = token;
        return await next(context);
    }

    private sealed record TokenError(string Error, string ErrorDescription);
}

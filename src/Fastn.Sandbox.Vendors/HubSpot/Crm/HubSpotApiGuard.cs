using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fastn.Sandbox.Vendors.HubSpot.Crm;

/// <summary>
/// What HubSpot checks before any CRM call: a Bearer token (a private app token or an unexpired OAuth access token), the
/// endpoint's scope, and the rate limits — 100 requests per 10 s per token with <c>X-HubSpot-RateLimit-*</c> headers, and
/// 5 searches per second (search responses carry no rate-limit headers).
/// </summary>
internal static class HubSpotApiGuard
{
    public const int MaxPerInterval = 100;
    public const int IntervalMilliseconds = 10_000;
    public const int SearchesPerSecond = 5;
    public const int Daily = 250_000;

    public static IResult? Check(HttpContext context, HubSpotState state, string? scope, bool search = false)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        IReadOnlySet<string> scopes;
        if (token == HubSpotSandboxApp.SandboxPrivateAppToken)
        {
            scopes = OAuth.TokenStore.KnownScopes;
        }
        else if (token.Length > 0 && state.Tokens.Find(token) is { } grant)
        {
            var expiredFor = state.Time.GetUtcNow() - grant.ExpiresAt;
            if (expiredFor >= TimeSpan.Zero)
            {
                return HubSpotErrors.Error(401, "EXPIRED_AUTHENTICATION",
                    $"The OAuth token used to make this call expired {(int)expiredFor.TotalMinutes} minute(s) ago.");
            }

            scopes = grant.Scopes;
        }
        else
        {
            return HubSpotErrors.Error(401, "INVALID_AUTHENTICATION",
                "Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview");
        }

        if (scope is not null && !scopes.Contains(scope))
        {
            return HubSpotErrors.Error(403, "MISSING_SCOPES", "This app hasn't been granted all required scopes to make this call. Read more about required scopes here: https://developers.hubspot.com/scopes.",
                new JsonArray(new JsonObject
                {
                    ["message"] = "One or more of the following scopes are required.",
                    ["context"] = new JsonObject { ["requiredGranularScopes"] = new JsonArray(scope) },
                }));
        }

        if (search)
        {
            return state.Tokens.Count(token + ":search", SearchesPerSecond, TimeSpan.FromSeconds(1)) < 0 ? RateLimited(context, "SECONDLY", "secondly") : null;
        }

        var remaining = state.Tokens.Count(token, MaxPerInterval, TimeSpan.FromMilliseconds(IntervalMilliseconds));
        var headers = context.Response.Headers;
        headers["X-HubSpot-RateLimit-Daily"] = Daily.ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Daily-Remaining"] = (Daily - 1).ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Interval-Milliseconds"] = IntervalMilliseconds.ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Max"] = MaxPerInterval.ToString(CultureInfo.InvariantCulture);
        headers["X-HubSpot-RateLimit-Remaining"] = Math.Max(remaining, 0).ToString(CultureInfo.InvariantCulture);
        return remaining < 0 ? RateLimited(context, "TEN_SECONDLY_ROLLING", "ten_secondly_rolling") : null;
    }

    private static IResult RateLimited(HttpContext context, string policy, string name)
    {
        context.Response.Headers.RetryAfter = policy == "SECONDLY" ? "1" : "10";
        return HubSpotErrors.Error(429, "RATE_LIMITS", $"You have reached your {name} limit.", extra: body =>
        {
            body["errorType"] = "RATE_LIMIT";
            body["policyName"] = policy;
        });
    }
}

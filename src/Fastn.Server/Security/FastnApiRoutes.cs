using Fastn.Server.OpenApi;

namespace Fastn.Server.Security;

/// <summary>
/// The authenticated <c>/api/v1</c> route group: API key scheme, <see cref="FastnPolicies.Member"/> at least, caller scope set.
/// Every endpoint in it can answer 400 (a bad tenant header), 401 (no or an unknown key) and 403 (a key that may not do this).
/// </summary>
public static class FastnApiRoutes
{
    /// <summary>Maps a <c>/api/v1</c> group that every feature's endpoints hang off.</summary>
    public static RouteGroupBuilder MapFastnApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1").RequireAuthorization(FastnPolicies.Member).AddEndpointFilter<CallerScopeFilter>()
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden);
}

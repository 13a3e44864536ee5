namespace Fastn.Server.Security;

/// <summary>The authenticated <c>/api/v1</c> route group: API key scheme, <see cref="FastnPolicies.Member"/> at least, caller scope set.</summary>
public static class FastnApiRoutes
{
    /// <summary>Maps a <c>/api/v1</c> group that every feature's endpoints hang off.</summary>
    public static RouteGroupBuilder MapFastnApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1").RequireAuthorization(FastnPolicies.Member).AddEndpointFilter<CallerScopeFilter>();
}

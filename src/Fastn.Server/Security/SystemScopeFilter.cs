using Fastn.Storage;

namespace Fastn.Server.Security;

/// <summary>
/// For endpoints that no API key scopes (the OAuth callback, the hosted connect page): their credential is a state
/// or session token that names the workspace itself, so they run in explicit system scope with the reason given.
/// </summary>
internal static class SystemScopeFilter
{
    /// <summary>Runs the endpoint in system scope for <paramref name="why"/>.</summary>
    public static TBuilder InSystemScope<TBuilder>(this TBuilder builder, string why)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            using var system = context.HttpContext.RequestServices.GetRequiredService<TenantScope>().AsSystem(why);
            return await next(context);
        });
}

using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Dashboard.SignIn;

/// <summary>An open dashboard (a live circuit) re-checks its key on an interval: a revoked key signs the page out.</summary>
internal sealed class KeyRevalidatingStateProvider(ILoggerFactory loggerFactory, ApiKeySignIn signIn, IOptions<DashboardOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        options.Value.Read(authenticationState.User) is { } identity && await signIn.IsActiveAsync(identity, cancellationToken).ConfigureAwait(false);
}

/// <summary>Each HTTP request with a session cookie re-checks the key, so a revoked key's cookie stops working at once.</summary>
internal static class CookieRevalidation
{
    public static async Task ValidateAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var options = services.GetRequiredService<IOptions<DashboardOptions>>().Value;
        var identity = context.Principal is null ? null : options.Read(context.Principal);
        if (identity is null || !await services.GetRequiredService<ApiKeySignIn>().IsActiveAsync(identity, context.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(DashboardAuthentication.CookieScheme).ConfigureAwait(false);
        }
    }
}

using Fastn.Dashboard.Components;
using Fastn.Dashboard.SignIn;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Fastn.Dashboard;

/// <summary>Maps the dashboard at <c>/</c>: its pages, the Blazor hub, its static assets and sign-out.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the dashboard. Call after <c>UseAuthentication</c>/<c>UseAuthorization</c>; it adds antiforgery validation
    /// for its forms.
    /// </summary>
    public static WebApplication MapFastnDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAntiforgery();
        app.MapStaticAssets(app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.StaticAssetsManifest);
        app.MapPost(DashboardAuthentication.SignOutPath, async (HttpContext http) =>
        {
            await http.SignOutAsync(DashboardAuthentication.CookieScheme);
            return Results.Redirect(DashboardAuthentication.SignInPath);
        }).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

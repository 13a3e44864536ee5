using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fastn.Sandbox;

/// <summary>Mounts the sandbox apps.</summary>
public static class SandboxEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Mounts every registered app under <c>{PathPrefix}/{name}</c> (default <c>/sandbox/{name}</c>) and an
    /// index of the apps at <c>{PathPrefix}</c> (HTML for a browser, JSON otherwise). Sandbox endpoints are left out of the OpenAPI document.
    /// </summary>
    public static RouteGroupBuilder MapFastnSandbox(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value;
        var apps = endpoints.ServiceProvider.GetServices<ISandboxApp>().ToList();

        var root = endpoints.MapGroup(SandboxUrls.NormalizedPrefix(options.PathPrefix)).ExcludeFromDescription();
        root.MapGet("/", (HttpContext context, SandboxUrls urls) => SandboxIndexPage.Render(context, urls, apps)).WithName("SandboxApps");

        foreach (var app in apps)
        {
            var group = root.MapGroup("/" + app.Name).WithTags("Sandbox: " + app.Name);
            app.Map(group);
        }

        return root;
    }

    /// <summary>
    /// Serves a JSON description of <paramref name="app"/> at its root (<c>/sandbox/{name}</c>): display name, base URL and
    /// test credentials from <see cref="ISandboxApp.Info"/>. For apps whose real API has nothing at the root.
    /// </summary>
    public static RouteHandlerBuilder MapSandboxAppRoot(this IEndpointRouteBuilder routes, ISandboxApp app)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(app);
        return routes.MapGet(string.Empty, (HttpContext context, SandboxUrls urls) => SandboxIndexPage.AppJson(context, urls, app));
    }
}

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
    /// Mounts every registered app under <c>{PathPrefix}/{name}</c> (default <c>/sandbox/{name}</c>) and a
    /// listing of the apps at <c>{PathPrefix}</c>. Sandbox endpoints are left out of the OpenAPI document.
    /// </summary>
    public static RouteGroupBuilder MapFastnSandbox(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<SandboxOptions>>().Value;
        var apps = endpoints.ServiceProvider.GetServices<ISandboxApp>().ToList();

        var root = endpoints.MapGroup(SandboxUrls.NormalizedPrefix(options.PathPrefix)).ExcludeFromDescription();
        root.MapGet("/", (HttpContext context, SandboxUrls urls) => Results.Json(new
        {
            apps = apps.Select(a => new { name = a.Name, url = urls.AppBaseUrl(context, a.Name) }),
        })).WithName("SandboxApps");

        foreach (var app in apps)
        {
            var group = root.MapGroup("/" + app.Name).WithTags("Sandbox: " + app.Name);
            app.Map(group);
        }

        return root;
    }
}

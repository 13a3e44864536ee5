using Fastn.Dashboard.Session;
using Fastn.Dashboard.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.StaticWebAssets;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.FluentUI.AspNetCore.Components;

namespace Fastn.Dashboard;

/// <summary>Registers the dashboard: Blazor interactive server components, Fluent UI, and cookie sign-in with an API key.</summary>
public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// Adds the dashboard's services. Call after the host registered its API key authentication: the default scheme
    /// becomes a selector that keeps API requests on the key and lets the dashboard (pages and the Blazor hub) use the
    /// session cookie, so the cookie never authenticates an API call.
    /// </summary>
    /// <param name="builder">The host's builder.</param>
    /// <param name="hostAssemblyName">The host's assembly name, whose static web assets manifests list the dashboard's files.</param>
    /// <param name="configure">Sets the host's principal factory and reader.</param>
    public static WebApplicationBuilder AddFastnDashboard(this WebApplicationBuilder builder, string hostAssemblyName, Action<DashboardOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(hostAssemblyName);
        ArgumentNullException.ThrowIfNull(configure);
        UseBuildOutputAssets(builder, hostAssemblyName);
        var services = builder.Services;
        services.AddOptions<DashboardOptions>().Configure(configure)
            .Validate(o => o.CreatePrincipal is not null && o.ReadPrincipal is not null, "The dashboard needs the host's CreatePrincipal and ReadPrincipal.")
            .ValidateOnStart();
        services.AddRazorComponents().AddInteractiveServerComponents(o => o.DetailedErrors = builder.Environment.IsDevelopment());
        services.AddFluentUIComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, KeyRevalidatingStateProvider>();
        services.AddSingleton<ApiKeySignIn>();
        services.AddScoped<DashboardSession>();

        var apiKeyScheme = new DashboardOptions();
        configure(apiKeyScheme);
        services.AddAuthentication(o => o.DefaultScheme = DashboardAuthentication.SelectorScheme)
            .AddPolicyScheme(DashboardAuthentication.SelectorScheme, "API key or dashboard session", o => o.ForwardDefaultSelector = http =>
                IsApiRequest(http.Request) || !http.Request.Cookies.ContainsKey(DashboardAuthentication.CookieName)
                    ? apiKeyScheme.ApiKeyScheme
                    : DashboardAuthentication.CookieScheme)
            .AddCookie(DashboardAuthentication.CookieScheme, o =>
            {
                o.Cookie.Name = DashboardAuthentication.CookieName;
                o.Cookie.HttpOnly = true;
                // Lax: the app's OAuth consent page sends the user back with a top-level GET, which must stay signed in.
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = DashboardAuthentication.SignInPath;
                o.LogoutPath = DashboardAuthentication.SignOutPath;
                o.AccessDeniedPath = DashboardAuthentication.SignInPath;
                o.ReturnUrlParameter = "returnUrl";
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = CookieRevalidation.ValidateAsync;
            });
        services.AddOptions<CookieAuthenticationOptions>(DashboardAuthentication.CookieScheme)
            .Configure<IOptions<DashboardOptions>, TimeProvider>((o, dashboard, time) =>
            {
                o.ExpireTimeSpan = dashboard.Value.SessionLifetime;
                o.TimeProvider = time;
            });
        services.AddAuthorizationBuilder().AddPolicy(DashboardAuthentication.Policy, p => p
            .AddAuthenticationSchemes(DashboardAuthentication.CookieScheme)
            .RequireAuthenticatedUser());
        return builder;
    }

    /// <summary>
    /// Run from a build output (not a published folder), the framework scripts, Fluent UI and the dashboard's own files
    /// live where the build's runtime manifest says; ASP.NET Core reads it by itself only in Development and only under
    /// the entry assembly's name, so production-mode runs from source and in-process test hosts would serve none of them.
    /// </summary>
    private static void UseBuildOutputAssets(WebApplicationBuilder builder, string hostAssemblyName)
    {
        var runtime = Path.Combine(AppContext.BaseDirectory, hostAssemblyName + ".staticwebassets.runtime.json");
        var endpoints = Path.Combine(AppContext.BaseDirectory, hostAssemblyName + ".staticwebassets.endpoints.json");
        if (File.Exists(endpoints))
        {
            builder.Services.Configure<DashboardOptions>(o => o.StaticAssetsManifest = endpoints);
        }

        if (File.Exists(runtime))
        {
            builder.Configuration[WebHostDefaults.StaticWebAssetsKey] = runtime;
            StaticWebAssetsLoader.UseStaticWebAssets(builder.Environment, builder.Configuration);
        }
    }

    /// <summary>API, MCP and anything presenting a key stay on the API key scheme.</summary>
    private static bool IsApiRequest(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || request.Path.StartsWithSegments("/mcp", StringComparison.OrdinalIgnoreCase)
        || request.Headers.ContainsKey("x-fastn-api-key")
        || request.Headers.Authorization.Count > 0;
}

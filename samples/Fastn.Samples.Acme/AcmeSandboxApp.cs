using Fastn.Samples.Acme.Api;
using Fastn.Samples.Acme.Contacts;
using Fastn.Samples.Acme.Control;
using Fastn.Samples.Acme.OAuth;
using Fastn.Samples.Acme.Webhooks;
using Fastn.Sandbox;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Samples.Acme;

/// <summary>
/// Acme CRM, a simulated third-party app: OAuth 2.0 server, contacts REST API and Standard Webhooks, mounted at
/// <c>/sandbox/acme</c>. Register with <c>services.AddFastnSandbox(o =&gt; o.Add&lt;AcmeSandboxApp&gt;())</c>.
/// </summary>
public sealed class AcmeSandboxApp : ISandboxApp
{
    /// <summary>The app's name and path segment.</summary>
    public const string AppName = "acme";

    private readonly Action<AcmeOptions>? _configure;

    public AcmeSandboxApp()
    {
    }

    /// <summary>Creates the app with options applied after configuration binding (e.g. short token lifetimes in tests).</summary>
    public AcmeSandboxApp(Action<AcmeOptions> configure) => _configure = configure;

    public string Name => AppName;

    /// <inheritdoc />
    public SandboxAppInfo Info => new("Acme CRM", "The walk-through app: OAuth 2.0 with PKCE, a contacts API and signed webhooks.", [new("Login", DemoOptions().DemoEmail), new("Password", DemoOptions().DemoPassword)]);

    private AcmeOptions DemoOptions()
    {
        var options = new AcmeOptions();
        _configure?.Invoke(options);
        return options;
    }

    public void ConfigureServices(IServiceCollection services)
    {
        var options = services.AddOptions<AcmeOptions>().BindConfiguration(AcmeOptions.SectionName);
        if (_configure is not null)
        {
            options.Configure(_configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AcmeState>();
    }

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(string.Empty, (HttpContext context, SandboxUrls urls) =>
        {
            var baseUrl = urls.AppBaseUrl(context, AppName);
            return AcmeResults.Json(new
            {
                name = "Acme CRM (sandbox)",
                api_base_url = baseUrl + "/api/v1",
                authorization_url = baseUrl + "/oauth/authorize",
                token_url = baseUrl + "/oauth/token",
                metadata_url = baseUrl + "/.well-known/oauth-authorization-server",
            });
        });
        routes.MapAcmeOAuth();
        routes.MapAcmeControl();

        var api = routes.MapGroup("/api/v1").DisableAntiforgery().AddEndpointFilter<AcmeApiFilter>();
        api.MapAcmeMe();
        api.MapAcmeContacts();
        api.MapAcmeWebhooks();
    }
}

using Fastn.Sandbox.Vendors.Xero.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Sandbox.Vendors.Xero;

/// <summary>
/// Xero, simulated at <c>/sandbox/xero</c>: the Identity service's OAuth 2.0 (sign-in and consent pages with an
/// organisation picker, token endpoint with rotating refresh tokens, revocation, <c>GET /connections</c>), the
/// Accounting API 2.0 paths the connector calls (<c>/api.xro/2.0/…</c>) with generated organisations, Xero's error
/// bodies, paging and rate limits, and webhooks signed with <c>x-xero-signature</c> including intent to receive.
/// </summary>
public sealed class XeroSandboxApp : ISandboxApp, ISandboxOAuthClient
{
    /// <summary>The app's path segment.</summary>
    public const string AppName = "xero";

    /// <summary>The client id the simulation accepts.</summary>
    public const string DefaultClientId = "fastn-xero-local";

    /// <summary>The client secret the simulation accepts.</summary>
    public const string DefaultClientSecret = "xero-local-secret";

    /// <summary>The webhook key deliveries are signed with.</summary>
    public const string DefaultWebhookKey = "xero-sandbox-webhook-key-2Yc9s0XfQ+1w==";

    /// <summary>The sandbox user's e-mail.</summary>
    public const string DemoEmail = "demo@xero.example";

    /// <summary>The sandbox user's password.</summary>
    public const string DemoPassword = "xero-demo";

    /// <inheritdoc />
    public string Name => AppName;

    /// <inheritdoc />
    public SandboxAppInfo Info => new("Xero", "Xero identity login and consent, tenant connections, the Accounting API 2.0, signed webhooks.", [new("Login", DemoEmail), new("Password", DemoPassword), new("OAuth client id", DefaultClientId), new("OAuth client secret", DefaultClientSecret)]);

    /// <inheritdoc />
    public string Connector => "xero";

    /// <inheritdoc />
    public string ClientId => DefaultClientId;

    /// <inheritdoc />
    public string ClientSecret => DefaultClientSecret;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(XeroSimulation.HttpClientName);
        services.TryAddSingleton<XeroSimulation>();
    }

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(string.Empty, (HttpContext context, SandboxUrls urls) =>
        {
            var root = urls.AppBaseUrl(context, AppName);
            return Results.Json(new
            {
                name = "Xero (sandbox)",
                api_base_url = root + "/api.xro/2.0",
                connections_url = root + "/connections",
                authorization_url = root + "/identity/connect/authorize",
                token_url = root + "/connect/token",
                client_id = DefaultClientId,
                demo_login = DemoEmail,
            });
        });
        routes.MapXeroIdentity();
        routes.MapXeroControl();
        routes.MapGroup("/api.xro/2.0").DisableAntiforgery().AddEndpointFilter<XeroApiFilter>().MapXeroAccounting();
    }
}

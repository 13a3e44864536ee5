using Fastn.Sandbox.Vendors.HubSpot.Crm;
using Fastn.Sandbox.Vendors.HubSpot.OAuth;
using Fastn.Sandbox.Vendors.HubSpot.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Sandbox.Vendors.HubSpot;

/// <summary>
/// HubSpot, simulated at <c>/sandbox/hubspot</c>: the OAuth consent page and token endpoint (<c>/oauth/v1/token</c>), the CRM v3
/// objects API for contacts, companies and deals (list, get, create, update, archive, search), v4 default associations,
/// <c>/account-info/v3/details</c>, HubSpot's error bodies and <c>X-HubSpot-RateLimit-*</c> headers, and v3-signed webhooks
/// sent on demand (<c>POST /_sandbox/webhooks/send</c>). In memory, seeded with fixed-seed generated data.
/// </summary>
public sealed class HubSpotSandboxApp : ISandboxApp, ISandboxOAuthClient
{
    /// <summary>The app's name and path segment.</summary>
    public const string AppName = "hubspot";

    /// <summary>The OAuth client id the simulation accepts.</summary>
    public const string SandboxClientId = "fastn-hubspot-local";

    /// <summary>The OAuth client secret the simulation accepts (also the webhook signing secret, as at HubSpot).</summary>
    public const string SandboxClientSecret = "hubspot-local-client-secret";

    /// <summary>A private app token the simulation accepts, with every scope.</summary>
    public const string SandboxPrivateAppToken = "pat-na1-fastn-sandbox-0000-0000-000000000000";

    /// <summary>The simulated account's portal id.</summary>
    public const long PortalId = 44012345;

    /// <inheritdoc />
    public string Name => AppName;

    /// <inheritdoc />
    public SandboxAppInfo Info => new("HubSpot", "OAuth consent page and token endpoint, CRM v3 contacts, companies and deals, v3-signed webhooks.", [new("Private app token", SandboxPrivateAppToken), new("OAuth client id", SandboxClientId), new("OAuth client secret", SandboxClientSecret), new("Portal id", PortalId.ToString(System.Globalization.CultureInfo.InvariantCulture))]);

    /// <inheritdoc />
    public string Connector => "hubspot";

    /// <inheritdoc />
    public string ClientId => SandboxClientId;

    /// <inheritdoc />
    public string ClientSecret => SandboxClientSecret;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.TryAddSingleton<HubSpotState>();
    }

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapSandboxAppRoot(this);
        var app = routes.MapGroup(string.Empty).DisableAntiforgery();
        app.MapHubSpotOAuth();
        app.MapHubSpotCrm();
        app.MapHubSpotWebhookControl();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Sandbox.Vendors.Salesforce;

/// <summary>
/// Salesforce, simulated at <c>/sandbox/salesforce</c>: the OAuth 2.0 web server flow with PKCE (<c>/services/oauth2/authorize</c>
/// consent page, <c>/services/oauth2/token</c>), and an org whose REST API v60.0 lives at the token's instance_url
/// (<c>/sandbox/salesforce/instance/services/data/v60.0</c>): SOQL query with query locators, sObject rows, describe and limits,
/// Salesforce's error arrays, <c>Sforce-Limit-Info</c> and REQUEST_LIMIT_EXCEEDED. Records in memory, seeded with fixed-seed generated data; OAuth grants saved so connections survive a restart.
/// Test hooks: <c>POST /_sandbox/sessions/expire</c> ends every session, <c>POST /_sandbox/limits?api_requests_used=n</c> sets the API usage.
/// </summary>
public sealed class SalesforceSandboxApp : ISandboxApp, ISandboxOAuthClient
{
    /// <summary>The app's name and path segment.</summary>
    public const string AppName = "salesforce";

    /// <summary>The connected app's consumer key the simulation accepts.</summary>
    public const string SandboxClientId = "3MVG9fastn.sandbox.salesforce.local.consumer.key";

    /// <summary>The connected app's consumer secret the simulation accepts.</summary>
    public const string SandboxClientSecret = "salesforce-local-consumer-secret";

    /// <inheritdoc />
    public string Name => AppName;

    /// <inheritdoc />
    public SandboxAppInfo Info => new("Salesforce", "OAuth 2.0 web server flow with PKCE and an org with REST API v60.0: SOQL queries, sObject rows, describe and limits.", [new("Consumer key", SandboxClientId), new("Consumer secret", SandboxClientSecret)]);

    /// <inheritdoc />
    public string Connector => "salesforce";

    /// <inheritdoc />
    public string ClientId => SandboxClientId;

    /// <inheritdoc />
    public string ClientSecret => SandboxClientSecret;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SalesforceOrg>();
    }

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapSandboxAppRoot(this);
        var app = routes.MapGroup(string.Empty).DisableAntiforgery();
        app.MapSalesforceOAuth();
        app.MapSalesforceRest();
    }
}

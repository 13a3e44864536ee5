using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Sandbox.Vendors.QuickBooks;

/// <summary>
/// QuickBooks Online, simulated at <c>/sandbox/quickbooks</c>: Intuit's OAuth 2.0 consent page (<c>/connect/oauth2</c>, answering
/// with <c>code</c>, <c>state</c> and <c>realmId</c>) and token endpoint (<c>/oauth2/v1/tokens/bearer</c>, HTTP Basic client
/// authentication, rotating refresh tokens), the Accounting API v3 paths the connector calls under <c>/v3/company/{realmId}</c>
/// (entity reads and writes, the query endpoint), Intuit's <c>Fault</c> bodies and throttling, and <c>intuit-signature</c>
/// webhooks sent on demand (<c>POST /_sandbox/webhooks/send</c>). In memory, seeded with fixed-seed generated data.
/// </summary>
public sealed class QuickBooksSandboxApp : ISandboxApp, ISandboxOAuthClient
{
    /// <summary>The app's name and path segment.</summary>
    public const string AppName = "quickbooks";

    /// <summary>The OAuth client id the simulation accepts.</summary>
    public const string SandboxClientId = "ABfastnQuickBooksLocalClient0000000000000000000";

    /// <summary>The OAuth client secret the simulation accepts.</summary>
    public const string SandboxClientSecret = "quickbooks-local-client-secret";

    /// <summary>The webhook verifier token the simulation signs deliveries with.</summary>
    public const string SandboxVerifierToken = "quickbooks-local-verifier-token";

    /// <summary>The simulated company's id (realmId).</summary>
    public const string RealmId = "9341453050298464";

    /// <inheritdoc />
    public string Name => AppName;

    /// <inheritdoc />
    public SandboxAppInfo Info => new("QuickBooks Online", "Intuit OAuth 2.0 consent page and token endpoint, the Accounting API v3 for one company, intuit-signature webhooks.", [new("OAuth client id", SandboxClientId), new("OAuth client secret", SandboxClientSecret), new("Company id (realmId)", RealmId), new("Webhook verifier token", SandboxVerifierToken)]);

    /// <inheritdoc />
    public string Connector => "quickbooks";

    /// <inheritdoc />
    public string ClientId => SandboxClientId;

    /// <inheritdoc />
    public string ClientSecret => SandboxClientSecret;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.TryAddSingleton<QuickBooksStore>();
    }

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapSandboxAppRoot(this);
        var app = routes.MapGroup(string.Empty).DisableAntiforgery();
        app.MapQuickBooksOAuth();
        app.MapQuickBooksApi();
        app.MapQuickBooksWebhookControl();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Sandbox.Vendors.Shopify;

/// <summary>
/// Shopify, simulated at <c>/sandbox/shopify/{shop}</c> (any shop name; each shop is seeded with the same fixed-seed data):
/// the app install consent page and <c>/admin/oauth/access_token</c>, the Admin REST API 2024-10 paths the connector calls
/// (shop, customers with search, orders, products, inventory levels with adjust, webhooks) with Shopify's JSON shapes,
/// <c>Link</c>-header cursor pagination, the leaky-bucket limit (<c>X-Shopify-Shop-Api-Call-Limit</c>, 429 + <c>Retry-After</c>)
/// and <c>{"errors": …}</c> bodies, and HMAC-signed webhooks sent on demand (<c>POST /_sandbox/webhooks/send</c>). Records in memory; tokens saved so connections survive a restart.
/// </summary>
public sealed class ShopifySandboxApp : ISandboxApp, ISandboxOAuthClient
{
    /// <summary>The app's name and path segment.</summary>
    public const string AppName = "shopify";

    /// <summary>The OAuth client id (API key) the simulation accepts.</summary>
    public const string SandboxClientId = "fastn-shopify-local";

    /// <summary>The OAuth client secret (API secret key) the simulation accepts; it also signs webhooks, as at Shopify.</summary>
    public const string SandboxClientSecret = "shpss_fastn_local_0123456789abcdef";

    /// <summary>The scopes an app may ask for.</summary>
    public static IReadOnlySet<string> KnownScopes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "read_customers", "write_customers", "read_orders", "write_orders", "read_products", "write_products",
        "read_inventory", "write_inventory", "read_locations", "read_fulfillments", "write_fulfillments",
    };

    /// <inheritdoc />
    public string Name => AppName;

    /// <inheritdoc />
    public SandboxAppInfo Info => new("Shopify", "Any shop name under /sandbox/shopify/{shop}: app install consent, the Admin REST API 2024-10, HMAC-signed webhooks.", [new("Shop domain", "any name, e.g. demo-shop"), new("API key (client id)", SandboxClientId), new("API secret key", SandboxClientSecret)]);

    /// <inheritdoc />
    public string Connector => "shopify";

    /// <inheritdoc />
    public string ClientId => SandboxClientId;

    /// <inheritdoc />
    public string ClientSecret => SandboxClientSecret;

    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.TryAddSingleton<ShopifyStore>();
    }

    /// <inheritdoc />
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapSandboxAppRoot(this);
        var app = routes.MapGroup(string.Empty).DisableAntiforgery();
        app.MapShopifyOAuth();
        app.MapShopifyAdmin();
        app.MapShopifyWebhookControl();
    }
}

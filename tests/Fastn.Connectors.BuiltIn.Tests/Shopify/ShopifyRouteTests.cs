using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Connectors.BuiltIn.Shopify;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Tests.Shopify;

/// <summary>Every request the connector makes is a documented Admin REST API 2024-10 route; entities cover the CDM.</summary>
public sealed class ShopifyRouteTests
{
    /// <summary>Shopify's Admin REST API reference (2024-10): method and path template of every endpoint the connector may call.</summary>
    private static readonly (string Method, string Template)[] DocumentedRoutes =
    [
        ("GET", "/admin/api/2024-10/shop.json"),
        ("GET", "/admin/api/2024-10/customers.json"),
        ("POST", "/admin/api/2024-10/customers.json"),
        ("GET", "/admin/api/2024-10/customers/search.json"),
        ("GET", "/admin/api/2024-10/customers/{customer_id}.json"),
        ("GET", "/admin/api/2024-10/orders.json"),
        ("POST", "/admin/api/2024-10/orders.json"),
        ("GET", "/admin/api/2024-10/orders/{order_id}.json"),
        ("GET", "/admin/api/2024-10/products.json"),
        ("GET", "/admin/api/2024-10/inventory_levels.json"),
        ("POST", "/admin/api/2024-10/inventory_levels/adjust.json"),
        ("POST", "/admin/api/2024-10/webhooks.json"),
        ("DELETE", "/admin/api/2024-10/webhooks/{webhook_id}.json"),
    ];

    [Fact]
    public void Fixtures_EveryRequest_MatchesADocumentedRoute()
    {
        var fixtures = ConnectorFixture.LoadAll(Path.Combine(AppContext.BaseDirectory, "Fixtures", "shopify"));
        fixtures.Select(f => f.Action).Distinct().Count().ShouldBe(ShopifyConnector.Definition.Actions.Count);

        var requests = fixtures.SelectMany(f => f.Interactions.Select(i => (f.DisplayName, i.Request.Method, i.Request.Path))).ToList();

        requests.Where(r => !IsDocumented(r.Method, r.Path)).Select(r => $"{r.DisplayName}: {r.Method} {r.Path}").ShouldBeEmpty();
    }

    [Fact]
    public async Task Subscribe_ThenUnsubscribe_CreatesOneWebhookPerTopicAndDeletesThem()
    {
        var ct = TestContext.Current.CancellationToken;
        var next = 1_000L;
        var stub = new StubHttpHandler()
            .Route(HttpMethod.Post, "/admin/api/2024-10/webhooks.json", r =>
                StubHttpHandler.Json(new { webhook = new { id = ++next, topic = JsonNode.Parse(r.Body!)!["webhook"]!["topic"]!.GetValue<string>() } }, HttpStatusCode.Created))
            .Route(HttpMethod.Delete, "/admin/api/2024-10/webhooks/1001.json", _ => StubHttpHandler.Json(new { }))
            .Route(HttpMethod.Delete, "/admin/api/2024-10/webhooks/1002.json", _ => StubHttpHandler.Json(new { }, HttpStatusCode.NotFound));
        var definition = ShopifyConnector.Definition;
        var credentials = ConnectorTestHost.CredentialsFor(definition.Auth.Default!, new Dictionary<string, string> { ["shop"] = "my-store" }, accessToken: "shpat_test");
        using var host = new ConnectorTestHost(definition, credentials, stub);
        var trigger = definition.Triggers.OfType<WebhookTriggerDefinition>().Single(t => t.Name == "inventory_level_event");

        var subscription = await trigger.Subscribe!(new WebhookSubscription("https://fastn.example/webhooks/shopify/c1", ["inventory_levels/update", "inventory_levels/connect"]), host.CreateContext(), ct);
        await trigger.Unsubscribe!(subscription, host.CreateContext(), ct);

        subscription.ExternalId.ShouldBe("1001,1002");
        stub.Requests.Select(r => $"{r.Method} {r.Path}").ShouldBe(
        [
            "POST /admin/api/2024-10/webhooks.json", "POST /admin/api/2024-10/webhooks.json",
            "DELETE /admin/api/2024-10/webhooks/1001.json", "DELETE /admin/api/2024-10/webhooks/1002.json",
        ]);
        stub.Requests.ShouldAllBe(r => IsDocumented(r.Method, r.Path));
        stub.Requests[0].Url.Host.ShouldBe("my-store.myshopify.com");
        JsonNode.Parse(stub.Requests[0].Body!)!["webhook"]!["address"]!.GetValue<string>().ShouldBe("https://fastn.example/webhooks/shopify/c1");
    }

    [Fact]
    public void Definition_EveryUrl_IsUnderTheShopDomainOrTheSandbox()
    {
        var real = (Fastn.Connectors.Authentication.OAuth2Auth)ShopifyConnector.Definition.Auth.Default!;
        ShopifyConnector.Definition.BaseUrl.ShouldBe("https://{shop}.myshopify.com/admin/api/2024-10");
        real.AuthorizationUrl.ShouldBe("https://{shop}.myshopify.com/admin/oauth/authorize");
        real.TokenUrl.ShouldBe("https://{shop}.myshopify.com/admin/oauth/access_token");
        real.ScopeString().ShouldBe("read_customers,write_customers,read_orders,write_orders,read_products,read_inventory,write_inventory");
        real.TokenHeaderName.ShouldBe("X-Shopify-Access-Token");
        real.TokenScheme.ShouldBe("");

        var sandbox = ShopifyConnector.Create("http://127.0.0.1:5000/sandbox/");
        var oauth = (Fastn.Connectors.Authentication.OAuth2Auth)sandbox.Auth.Default!;
        sandbox.BaseUrl.ShouldBe("http://127.0.0.1:5000/sandbox/shopify/{shop}/admin/api/2024-10");
        oauth.AuthorizationUrl.ShouldBe("http://127.0.0.1:5000/sandbox/shopify/{shop}/admin/oauth/authorize");
        oauth.TokenUrl.ShouldBe("http://127.0.0.1:5000/sandbox/shopify/{shop}/admin/oauth/access_token");
    }

    [Fact]
    public void Entities_CdmCoverage_MatchesTheReadme()
    {
        var coverage = ShopifyConnector.Definition.Entities.ToDictionary(e => e.Name, e => CdmCoverage.Of(e).ShouldNotBeNull());

        coverage["customer"].Ratio.ShouldBe(1.0);
        coverage["order"].Ratio.ShouldBe(1.0);
        coverage["product"].Unmapped.ShouldBe(["pricingTiers", "currency"], ignoreOrder: true);
        coverage["product"].Ratio.ShouldBeGreaterThanOrEqualTo(0.8);
        // The REST inventory level carries item, location, available and updated_at only: 4 of 4 fields it has data for.
        coverage["inventory_level"].Mapped.ShouldBe(["id", "locationId", "available", "updatedAt"], ignoreOrder: true);
        coverage.Values.ShouldAllBe(c => c.MissingRequired.Count == 0);
    }

    [Fact]
    public void CustomerEntity_ToCdmAndBack_SplitsTagsAndMapsAddresses()
    {
        var entity = ShopifyConnector.Definition.FindEntity("customer")!;
        var native = JsonNode.Parse("""
            {"id":207119551,"email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","phone":"+442079460000","tags":"vip, newsletter","note":"Prefers e-mail",
             "created_at":"2024-03-09T09:00:00-05:00","updated_at":"2024-03-10T10:00:00-05:00",
             "default_address":{"id":1,"company":"Analytical Engines","address1":"12 St James's Square","city":"London","province_code":"ENG","zip":"SW1Y 4JH","country_code":"GB","default":true},
             "addresses":[{"id":1,"company":"Analytical Engines","address1":"12 St James's Square","city":"London","province_code":"ENG","zip":"SW1Y 4JH","country_code":"GB","default":true}]}
            """)!.AsObject();

        var cdm = entity.ToCdm(native);
        var back = entity.FromCdm(cdm);

        cdm["id"]!.GetValue<string>().ShouldBe("207119551");
        cdm["firstName"]!.GetValue<string>().ShouldBe("Ada");
        cdm["company"]!.GetValue<string>().ShouldBe("Analytical Engines");
        cdm["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["vip", "newsletter"]);
        cdm["addresses"]![0]!["postalCode"]!.GetValue<string>().ShouldBe("SW1Y 4JH");
        cdm["addresses"]![0]!["country"]!.GetValue<string>().ShouldBe("GB");
        cdm["customFields"]!["note"]!.GetValue<string>().ShouldBe("Prefers e-mail");
        back["tags"]!.GetValue<string>().ShouldBe("vip, newsletter");
        back["addresses"]![0]!["city"]!.GetValue<string>().ShouldBe("London");
        back["email"]!.GetValue<string>().ShouldBe("ada@example.com");
    }

    [Fact]
    public void OrderEntity_ToCdm_MapsTotalsLinesAndStatus()
    {
        var entity = ShopifyConnector.Definition.FindEntity("order")!;
        var native = JsonNode.Parse("""
            {"id":450789469,"name":"#1001","email":"ada@example.com","currency":"USD","financial_status":"partially_refunded","subtotal_price":"398.00","total_tax":"31.84","total_price":"434.84",
             "customer":{"id":207119551},"shipping_lines":[{"title":"Standard","price":"5.00"}],
             "line_items":[{"id":1,"product_id":632910392,"variant_id":39072856,"sku":"IPOD","name":"IPod Nano - green","quantity":2,"price":"199.00","total_discount":"10.00"}],
             "shipping_address":{"address1":"1 Main St","city":"Ottawa","province_code":"ON","zip":"K1A 0B1","country_code":"CA"},
             "processed_at":"2024-04-02T10:00:00-04:00","created_at":"2024-04-02T10:00:00-04:00","updated_at":"2024-04-02T10:00:00-04:00"}
            """)!.AsObject();

        var cdm = entity.ToCdm(native);

        cdm["orderNumber"]!.GetValue<string>().ShouldBe("#1001");
        cdm["customerId"]!.GetValue<string>().ShouldBe("207119551");
        cdm["status"]!.GetValue<string>().ShouldBe("paid");
        cdm["total"]!.GetValue<decimal>().ShouldBe(434.84m);
        cdm["shipping"]!.GetValue<decimal>().ShouldBe(5m);
        cdm["lineItems"]![0]!["total"]!.GetValue<decimal>().ShouldBe(388m);
        cdm["lineItems"]![0]!["variantId"]!.GetValue<string>().ShouldBe("39072856");
        cdm["shippingAddress"]!["type"]!.GetValue<string>().ShouldBe("shipping");
        cdm["shippingAddress"]!["region"]!.GetValue<string>().ShouldBe("ON");
    }

    [Theory]
    [InlineData("pending", "pending")]
    [InlineData("authorized", "pending")]
    [InlineData("paid", "paid")]
    [InlineData("partially_paid", "paid")]
    [InlineData("refunded", "refunded")]
    [InlineData("voided", "cancelled")]
    public void OrderStatus_FinancialStatus_MapsToCdmStatus(string financial, string expected) =>
        ShopifyConnector.OrderStatus(financial).ShouldBe(expected);

    [Fact]
    public void ProductEntity_ToCdm_SumsInventoryAndMapsVariants()
    {
        var entity = ShopifyConnector.Definition.FindEntity("product")!;
        var native = JsonNode.Parse("""
            {"id":632910392,"title":"IPod Nano","body_html":"<p>Small</p>","product_type":"Cult Products","status":"draft",
             "variants":[{"id":1,"sku":"","title":"green","price":"199.00","inventory_quantity":3,"option1":"green"},{"id":2,"sku":"IPOD-RED","title":"red","price":"199.00","inventory_quantity":4,"option1":"red"}],
             "created_at":"2024-01-10T09:00:00-05:00","updated_at":"2024-02-10T09:00:00-05:00"}
            """)!.AsObject();

        var cdm = entity.ToCdm(native);

        cdm["name"]!.GetValue<string>().ShouldBe("IPod Nano");
        cdm["status"]!.GetValue<string>().ShouldBe("draft");
        cdm["inventory"]!.GetValue<int>().ShouldBe(7);
        cdm["sku"]!.GetValue<string>().ShouldBe("IPOD-RED");
        cdm["variants"]![1]!["price"]!.GetValue<decimal>().ShouldBe(199m);
        cdm["variants"]![1]!["options"]!["option1"]!.GetValue<string>().ShouldBe("red");
    }

    private static bool IsDocumented(string method, string path) =>
        DocumentedRoutes.Any(r => r.Method == method && Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(r.Template), @"\\\{(\w+)}", "[0-9]+") + "$"));
}

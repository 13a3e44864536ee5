using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;

namespace Fastn.Connectors.BuiltIn.Tests.Shopify;

public sealed class ShopifyServerTests
{
    [Fact]
    public async Task Server_OAuthInstallOnAShopThenEveryAction_WorksAgainstTheSimulation()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("tenant-shopify");

        // The connector's page shows actions, triggers, entities and CDM coverage.
        var connector = JsonNode.Parse(await client.GetStringAsync("api/v1/connectors/shopify", ct))!;
        connector["actions"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ShouldBe(
            ["get_shop", "list_customers", "get_customer", "search_customers", "create_customer", "create_order", "list_orders", "get_order",
                "list_products", "list_inventory_levels", "adjust_inventory"], ignoreOrder: true);
        connector["triggers"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ShouldBe(["customer_event", "order_event", "inventory_level_event", "product_event"]);
        var coverage = connector["entities"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["coverage"]!["ratio"]!.GetValue<double>());
        coverage["customer"].ShouldBe(1.0);
        coverage["order"].ShouldBe(1.0);
        coverage["product"].ShouldBeGreaterThanOrEqualTo(0.8);
        coverage.ShouldContainKey("inventory_level");

        // Install the app on a shop the way Shopify does: the shop is a connection parameter, the install page, "Install app".
        var connectionId = await server.ConnectOAuthAsync(client, "shopify", async (browser, url) =>
        {
            url.AbsolutePath.ShouldEndWith("/sandbox/shopify/fastn-sandbox/admin/oauth/authorize");
            Uri.UnescapeDataString(url.Query).ShouldContain("scope=read_customers,write_customers,read_orders,write_orders,read_products,read_inventory,write_inventory");
            var html = await HtmlForms.GetPageAsync(browser, url);
            html.ShouldContain("fastn-sandbox.myshopify.com");
            html.ShouldContain("write_inventory");
            using var installed = await HtmlForms.SubmitAsync(browser, url, html, new Dictionary<string, string> { ["decision"] = "allow" });
            var callback = HtmlForms.RedirectLocation(installed, url);
            callback.Query.ShouldContain("hmac=");
            callback.Query.ShouldContain("shop=fastn-sandbox.myshopify.com");
            return callback;
        }, new Dictionary<string, string> { ["shop"] = "fastn-sandbox" });

        var shop = (await server.RunActionAsync(client, connectionId, "get_shop", null))!;
        shop["myshopify_domain"]!.GetValue<string>().ShouldBe("fastn-sandbox.myshopify.com");
        shop["currency"]!.GetValue<string>().ShouldBe("USD");

        // Cursor pagination through the Link header, both ways.
        var first = (await server.RunActionAsync(client, connectionId, "list_customers", new { limit = 5 }))!;
        var firstIds = first["customers"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ToList();
        firstIds.Count.ShouldBe(5);
        first["previous_page_info"].ShouldBeNull();
        var second = (await server.RunActionAsync(client, connectionId, "list_customers", new { limit = 5, page_info = first["next_page_info"]!.GetValue<string>() }))!;
        var secondIds = second["customers"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ToList();
        secondIds.Count.ShouldBe(5);
        secondIds.Intersect(firstIds).ShouldBeEmpty();
        var back = (await server.RunActionAsync(client, connectionId, "list_customers", new { limit = 5, page_info = second["previous_page_info"]!.GetValue<string>() }))!;
        back["customers"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()).ShouldBe(firstIds);

        var created = (await server.RunActionAsync(client, connectionId, "create_customer", new
        {
            email = "grace@hopper.example",
            first_name = "Grace",
            last_name = "Hopper",
            phone = "+15145550199",
            tags = new[] { "navy", "vip" },
            addresses = new[] { new { address1 = "1 Navy Way", city = "Arlington", province_code = "VA", country = "United States", zip = "22202" } },
        }))!;
        var customerId = created["id"]!.GetValue<long>();
        created["tags"]!.GetValue<string>().ShouldBe("navy, vip");
        created["default_address"]!["country_code"]!.GetValue<string>().ShouldBe("US");

        var fetched = (await server.RunActionAsync(client, connectionId, "get_customer", new { customer_id = customerId }))!;
        fetched["email"]!.GetValue<string>().ShouldBe("grace@hopper.example");

        var found = (await server.RunActionAsync(client, connectionId, "search_customers", new { query = "email:grace@hopper.example" }))!;
        found["customers"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<long>().ShouldBe(customerId);

        // A variant, its inventory item and stock at each location; adjust it.
        var products = (await server.RunActionAsync(client, connectionId, "list_products", new { status = "active" }))!;
        products["products"]!.AsArray().ShouldAllBe(p => p!["status"]!.GetValue<string>() == "active");
        var variant = products["products"]![0]!["variants"]![0]!;
        var item = variant["inventory_item_id"]!.GetValue<long>();
        var levels = (await server.RunActionAsync(client, connectionId, "list_inventory_levels", new { inventory_item_ids = new[] { item } }))!;
        levels["inventory_levels"]!.AsArray().Count.ShouldBe(2);
        var level = levels["inventory_levels"]![0]!;
        var location = level["location_id"]!.GetValue<long>();
        var before = level["available"]!.GetValue<int>();
        var adjusted = (await server.RunActionAsync(client, connectionId, "adjust_inventory", new { inventory_item_id = item, location_id = location, available_adjustment = 5 }))!;
        adjusted["available"]!.GetValue<int>().ShouldBe(before + 5);

        var order = (await server.RunActionAsync(client, connectionId, "create_order", new
        {
            line_items = new object[] { new { variant_id = variant["id"]!.GetValue<long>(), quantity = 2 }, new { title = "Gift wrap", price = "4.00", quantity = 1 } },
            customer_id = customerId,
            financial_status = "paid",
        }))!;
        var orderId = order["id"]!.GetValue<long>();
        order["name"]!.GetValue<string>().ShouldStartWith("#10");
        order["customer"]!["id"]!.GetValue<long>().ShouldBe(customerId);
        order["line_items"]!.AsArray().Count.ShouldBe(2);
        order["subtotal_price"]!.GetValue<string>().ShouldBe((decimal.Parse(variant["price"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) * 2 + 4m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));

        var got = (await server.RunActionAsync(client, connectionId, "get_order", new { order_id = orderId }))!;
        got["financial_status"]!.GetValue<string>().ShouldBe("paid");
        got["line_items"]![0]!["variant_id"]!.GetValue<long>().ShouldBe(variant["id"]!.GetValue<long>());

        var orders = (await server.RunActionAsync(client, connectionId, "list_orders", new { status = "any", limit = 250 }))!;
        orders["orders"]!.AsArray().Select(o => o!["id"]!.GetValue<long>()).ShouldContain(orderId);
        var open = (await server.RunActionAsync(client, connectionId, "list_orders", new { limit = 250 }))!;
        open["orders"]!.AsArray().Count.ShouldBeLessThan(orders["orders"]!.AsArray().Count);

        // Shopify's 422 {errors: {email: [...]}} arrives as a validation problem on the field.
        using var duplicate = await client.PostAsJsonAsync($"api/v1/connections/{connectionId}/actions/create_customer", new { email = "grace@hopper.example" }, ct);
        duplicate.IsSuccessStatusCode.ShouldBeFalse();
        var problem = await duplicate.Content.ReadAsStringAsync(ct);
        problem.ShouldContain("fastn:validation");
        problem.ShouldContain("has already been taken");

        // An unknown order is Shopify's 404.
        using var missing = await client.PostAsJsonAsync($"api/v1/connections/{connectionId}/actions/get_order", new { order_id = 1 }, ct);
        (await missing.Content.ReadAsStringAsync(ct)).ShouldContain("fastn:upstream");
    }
}

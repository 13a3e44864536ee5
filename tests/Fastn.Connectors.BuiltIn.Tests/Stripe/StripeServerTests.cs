using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Sandbox.Vendors.Stripe;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Connectors.BuiltIn.Tests.Stripe;

/// <summary>Stripe through the running Fastn server: connected with a secret key, every action run over REST against the simulation.</summary>
public sealed class StripeServerTests(FastnTestServerFixture fixture) : IClassFixture<FastnTestServerFixture>
{
    [Fact]
    public async Task EveryAction_OverRestAgainstSimulation_ReturnsStripeResults()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = fixture.Server;
        var client = server.CreateClient("tenant-stripe");
        var simulation = server.Services.GetRequiredService<StripeSimulation>();

        // The connector page shows what Stripe can do.
        var detail = (await client.GetFromJsonAsync<JsonObject>("api/v1/connectors/stripe", ct))!;
        detail["actions"]!.AsArray().Count.ShouldBe(14);
        detail["triggers"]!.AsArray().ShouldHaveSingleItem()!["eventTypes"]!.AsArray().Select(e => e!.GetValue<string>()).ShouldContain("payment_intent.succeeded");
        var entities = detail["entities"]!.AsArray().ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!);
        entities["customer"]!["cdmEntity"]!.GetValue<string>().ShouldBe("CDMContact");
        entities["invoice"]!["coverage"]!["ratio"]!.GetValue<double>().ShouldBeGreaterThanOrEqualTo(0.8);

        // Connected the way Stripe is: a secret key, checked with the test action (get_balance) before it is stored.
        var connection = await server.CreateConnectionAsync(client, "stripe", new() { ["api_key"] = StripeSimulation.DemoSecretKey }, "secret_key");

        async Task<JsonNode> Run(string action, object input) => (await server.RunActionAsync(client, connection, action, input)).ShouldNotBeNull();

        (await Run("get_balance", new { }))["object"]!.GetValue<string>().ShouldBe("balance");

        var customer = await Run("create_customer", new
        {
            email = "dorothy.vaughan@example.com",
            name = "Dorothy Vaughan",
            address = new { line1 = "3 West Area", city = "Hampton", state = "VA", postal_code = "23666", country = "US" },
            metadata = new { team = "west-computing" },
        });
        var customerId = customer["id"]!.GetValue<string>();
        customerId.ShouldStartWith("cus_");
        (await Run("get_customer", new { id = customerId }))["email"]!.GetValue<string>().ShouldBe("dorothy.vaughan@example.com");
        (await Run("update_customer", new { id = customerId, phone = "+17575550100" }))["phone"]!.GetValue<string>().ShouldBe("+17575550100");

        var page = await Run("list_customers", new { limit = 5 });
        page["data"]!.AsArray().Count.ShouldBe(5);
        page["has_more"]!.GetValue<bool>().ShouldBeTrue();
        page["data"]![0]!["id"]!.GetValue<string>().ShouldBe(customerId);
        (await Run("search_customers", new { query = "email:'dorothy.vaughan@example.com'" }))["data"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldBe(customerId);

        var intent = await Run("create_payment_intent", new { amount = 1999, currency = "usd", customer = customerId, payment_method = "pm_card_visa", payment_method_types = new[] { "card" } });
        intent["status"]!.GetValue<string>().ShouldBe("requires_confirmation");
        var intentId = intent["id"]!.GetValue<string>();
        (await Run("confirm_payment_intent", new { id = intentId }))["status"]!.GetValue<string>().ShouldBe("succeeded");
        var fetched = await Run("get_payment_intent", new { id = intentId });
        fetched["amount_received"]!.GetValue<long>().ShouldBe(1999);
        var charges = await Run("list_charges", new { customer = customerId });
        charges["data"]!.AsArray().ShouldHaveSingleItem()!["id"]!.GetValue<string>().ShouldBe(fetched["latest_charge"]!.GetValue<string>());
        var refund = await Run("create_refund", new { payment_intent = intentId, amount = 999, reason = "requested_by_customer" });
        refund["amount"]!.GetValue<long>().ShouldBe(999);
        refund["status"]!.GetValue<string>().ShouldBe("succeeded");

        var invoice = await Run("create_invoice", new
        {
            customer = customerId,
            collection_method = "send_invoice",
            days_until_due = 14,
            items = new[] { new { description = "Punch cards", unit_amount = 250, quantity = 12 } },
        });
        invoice["total"]!.GetValue<long>().ShouldBe(3000);
        invoice["lines"]!["data"]!.AsArray().ShouldHaveSingleItem();
        (await Run("get_invoice", new { id = invoice["id"]!.GetValue<string>() }))["status"]!.GetValue<string>().ShouldBe("draft");

        var doomed = await Run("create_customer", new { email = "temp@example.com" });
        (await Run("delete_customer", new { id = doomed["id"]!.GetValue<string>() }))["deleted"]!.GetValue<bool>().ShouldBeTrue();

        // A declined card comes back as Stripe's message in a fastn:upstream problem.
        var declinedIntent = await Run("create_payment_intent", new { amount = 500, currency = "usd", payment_method_types = new[] { "card" } });
        using var declined = await client.PostAsJsonAsync($"api/v1/connections/{connection}/actions/confirm_payment_intent",
            new { id = declinedIntent["id"]!.GetValue<string>(), payment_method = "pm_card_chargeDeclined" }, ct);
        var problem = await declined.Content.ReadAsStringAsync(ct);
        ((int)declined.StatusCode).ShouldBeGreaterThanOrEqualTo(400, problem);
        problem.ShouldContain("fastn:upstream");
        problem.ShouldContain("Your card was declined.");

        simulation.CustomerCount.ShouldBeGreaterThan(30);
    }
}

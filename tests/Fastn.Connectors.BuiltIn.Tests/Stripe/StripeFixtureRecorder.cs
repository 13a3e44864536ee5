using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Stripe;
using Fastn.Connectors.Testing;
using Fastn.Sandbox.Vendors.Stripe;

namespace Fastn.Connectors.BuiltIn.Tests.Stripe;

/// <summary>
/// Re-records <c>Fixtures/stripe/*.json</c> from the Stripe simulation with the test kit's recorder (secrets redacted).
/// Skipped unless <c>FASTN_STRIPE_RECORD=1</c>; the recorded files are then replayed by the conformance and spec tests.
/// </summary>
public sealed class StripeFixtureRecorder
{
    private const string FixtureKey = "sk_test_fixture0000000000000000";

    [Fact]
    public async Task Record_AllScenarios_WritesFixtures()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("FASTN_STRIPE_RECORD") == "1", "Set FASTN_STRIPE_RECORD=1 to re-record the Stripe fixtures from the simulation.");
        var ct = TestContext.Current.CancellationToken;
        await using var sim = await StripeSimulationHost.StartAsync();
        var definition = StripeConnector.Definition;
        var baseUrl = sim.ApiBaseUrl;
        var folder = SourceFixturesFolder();
        using var transport = new SocketsHttpHandler();
        var secret = new Dictionary<string, string> { ["api_key"] = StripeSimulation.DemoSecretKey };

        async Task<JsonNode?> Record(string file, string action, string description, object input, IReadOnlyDictionary<string, string>? credentials = null, string? messageContains = null)
        {
            var fixture = new ConnectorFixture
            {
                Action = action,
                Description = description,
                Credentials = new Dictionary<string, string> { ["api_key"] = FixtureKey },
                Input = System.Text.Json.JsonSerializer.SerializeToNode(input, StripeConnector.Json),
            };
            // The test kit's idempotency keys repeat from host to host; a real account would never see them twice.
            sim.Simulation.ForgetIdempotencyKeys();
            var path = Path.Combine(folder, file + ".json");
            var result = await FixtureRunner.RecordAsync(definition, fixture, baseUrl, credentials ?? secret, transport, path, ct);
            result.Failures.ShouldBeEmpty(file);
            // Recorded against the simulation's mount point; stored against Stripe's own paths.
            File.WriteAllText(path, File.ReadAllText(path).Replace("\"/sandbox/stripe/v1/", "\"/v1/", StringComparison.Ordinal));
            if (messageContains is not null)
            {
                var saved = ConnectorFixture.Load(path);
                saved.ExpectedError.ShouldNotBeNull(file).MessageContains = messageContains;
                saved.Save(path);
            }

            return result.Recorded?.ExpectedOutput ?? result.Recorded?.Interactions[^1].Response.Body;
        }

        await Record("get_balance", "get_balance", "Reads the balance: available and pending funds per currency.", new { });
        var ada = await Record("create_customer", "create_customer", "Creates a customer; address and metadata go in bracket notation.", new
        {
            email = "ada.lovelace@example.com",
            name = "Ada Lovelace",
            phone = "+14155550142",
            description = "Analytical Engine early adopter",
            address = new { line1 = "12 St James's Square", city = "London", postal_code = "SW1Y 4JH", country = "GB" },
            metadata = new Dictionary<string, string> { ["crm_id"] = "ct_1815", ["plan"] = "pro" },
        });
        var adaId = ada!["id"]!.GetValue<string>();
        await Record("get_customer", "get_customer", "Gets a customer by id.", new { id = adaId });
        await Record("update_customer", "update_customer", "Changes only the fields given; metadata is merged.", new { id = adaId, phone = "+14155550199", metadata = new Dictionary<string, string> { ["plan"] = "enterprise" } });
        await Record("list_customers", "list_customers", "Lists the first page of customers, newest first; has_more says another page follows.", new { limit = 3 });
        var page = await Record("list_customers_next_page", "list_customers", "Gets the next page with starting_after = the last id of the previous page.", new { limit = 2, starting_after = adaId });
        page.ShouldNotBeNull();
        await Record("search_customers", "search_customers", "Searches customers by exact e-mail with Stripe's query language.", new { query = "email:'ada.lovelace@example.com'", limit = 5 });

        var intent = await Record("create_payment_intent", "create_payment_intent", "Creates a card payment intent for a customer; the call's idempotency key is forwarded.", new
        {
            amount = 2000,
            currency = "usd",
            customer = adaId,
            description = "Order #1001",
            payment_method = "pm_card_visa",
            payment_method_types = new[] { "card" },
            receipt_email = "ada.lovelace@example.com",
            metadata = new Dictionary<string, string> { ["order_id"] = "1001" },
        });
        var intentId = intent!["id"]!.GetValue<string>();
        await Record("confirm_payment_intent", "confirm_payment_intent", "Confirms the payment intent; the card is charged and it succeeds.", new { id = intentId });
        await Record("get_payment_intent", "get_payment_intent", "Gets the succeeded payment intent with its latest charge.", new { id = intentId });
        await Record("list_charges", "list_charges", "Lists a customer's charges.", new { customer = adaId, limit = 5 });
        await Record("create_refund", "create_refund", "Refunds part of a payment intent.", new { payment_intent = intentId, amount = 500, reason = "requested_by_customer" });

        var invoice = await Record("create_invoice", "create_invoice", "Creates a draft invoice, adds two invoice items to it, and reads it back with its lines.", new
        {
            customer = adaId,
            description = "Consulting, May",
            collection_method = "send_invoice",
            days_until_due = 30,
            items = new object[]
            {
                new { description = "Design workshop", unit_amount = 120000, quantity = 1 },
                new { description = "Implementation hours", unit_amount = 15000, quantity = 8 },
            },
        });
        await Record("get_invoice", "get_invoice", "Gets an invoice with its lines and totals.", new { id = invoice!["id"]!.GetValue<string>() });

        var grace = await Record("create_customer_minimal", "create_customer", "Creates a customer with only an e-mail address.", new { email = "grace.hopper@example.com" });
        await Record("delete_customer", "delete_customer", "Deletes a customer; Stripe answers with a deleted stub.", new { id = grace!["id"]!.GetValue<string>() });

        // Errors, in Stripe's own error bodies.
        await Record("get_customer_not_found", "get_customer", "An unknown id is Stripe's 404 resource_missing.", new { id = "cus_DoesNotExist0001" }, messageContains: "No such customer: 'cus_DoesNotExist0001'");
        await Record("create_customer_invalid_email", "create_customer", "Stripe's 400 with param=email becomes a validation error on $.email.", new { email = "not-an-email", name = "Nobody" }, messageContains: "Invalid email address");
        await Record("create_payment_intent_amount_too_small", "create_payment_intent", "Below the minimum amount: a validation error on $.amount.", new { amount = 10, currency = "usd" }, messageContains: "amount_too_small");
        await Record("confirm_payment_intent_card_declined", "confirm_payment_intent", "A declined card is a 402 card_error with Stripe's message.",
            new { id = ((await Record("create_payment_intent_for_decline", "create_payment_intent", "Creates a payment intent without a payment method.", new { amount = 1500, currency = "eur", payment_method_types = new[] { "card" } }))!["id"]!.GetValue<string>()), payment_method = "pm_card_chargeDeclined" }, messageContains: "Your card was declined.");
        await Record("create_refund_already_refunded", "create_refund", "Refunding more than is left is a validation error on $.amount.", new { payment_intent = intentId, amount = 5000 }, messageContains: "greater than unrefunded amount");
        await Record("get_balance_invalid_key", "get_balance", "A revoked or mistyped key is Stripe's 401: the connection must be fixed.", new { },
            new Dictionary<string, string> { ["api_key"] = "sk_test_revoked00000000000000000" }, "Invalid API Key provided");
        sim.Simulation.RateLimitNext(1);
        await Record("list_charges_rate_limited", "list_charges", "Stripe's 429 rate_limit becomes a rate-limited error.", new { limit = 10 }, messageContains: "Too many requests");
    }

    private static string SourceFixturesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (dir.EnumerateFiles("Fastn.Connectors.BuiltIn.Tests.csproj").Any())
            {
                return Path.Combine(dir.FullName, "Fixtures", "stripe");
            }
        }

        throw new InvalidOperationException("The test project's source folder was not found.");
    }
}

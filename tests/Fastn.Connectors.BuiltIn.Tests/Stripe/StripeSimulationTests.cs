using System.Text.Json.Nodes;
using Fastn.Connectors.Actions;
using Fastn.Connectors.BuiltIn.Stripe;
using Fastn.Connectors.BuiltIn.Stripe.Models;
using Fastn.Connectors.BuiltIn.Tests.Specs;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;
using Fastn.Sandbox.Vendors.Stripe;

namespace Fastn.Connectors.BuiltIn.Tests.Stripe;

/// <summary>The connector against the live simulation, every request checked against Stripe's spec on the way.</summary>
public sealed class StripeSimulationTests : IAsyncLifetime
{
    private static readonly OpenApiSpec Spec = OpenApiSpec.Load("stripe");
    private StripeSimulationHost? _sim;
    private SpecCheckingHandler? _checking;
    private ConnectorTestHost? _host;

    private StripeSimulationHost Sim => _sim!;

    private ConnectorTestHost Host => _host!;

    public async ValueTask InitializeAsync()
    {
        _sim = await StripeSimulationHost.StartAsync();
        var definition = StripeConnector.Create(_sim.SandboxRoot.ToString());
        _checking = new SpecCheckingHandler(Spec, new SocketsHttpHandler()) { RequireRequiredInResponses = true };
        _host = new ConnectorTestHost(definition,
            ConnectorTestHost.CredentialsFor(definition.Auth.Default!, new Dictionary<string, string> { ["api_key"] = StripeSimulation.DemoSecretKey }), _checking);
    }

    public async ValueTask DisposeAsync()
    {
        // Whatever a test did, the wire stayed inside Stripe's spec.
        var problems = _checking?.Problems ?? [];
        _host?.Dispose();
        _checking?.Dispose();
        if (_sim is not null)
        {
            await _sim.DisposeAsync();
        }

        problems.ShouldBeEmpty("a request or response of the simulation does not conform to Stripe's spec");
    }

    [Fact]
    public async Task ListCustomers_FollowingStartingAfter_VisitsEveryCustomerOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var seen = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = await Host.RunActionAsync<StripeCustomerList>("list_customers", new { limit = 7, starting_after = after }, StripeConnector.Json, ct);
            seen.AddRange(page!.Data.Select(c => c.Id));
            if (!page.HasMore)
            {
                break;
            }

            after = page.Data[^1].Id;
        }

        seen.Count.ShouldBe(Sim.Simulation.CustomerCount);
        seen.Distinct().Count().ShouldBe(seen.Count);
    }

    [Fact]
    public async Task CreateCustomer_SameIdempotencyKeyTwice_CreatesOneCustomer()
    {
        var ct = TestContext.Current.CancellationToken;
        var action = (TypedActionDefinition<CreateCustomerInput, StripeCustomer>)Host.Definition.FindAction("create_customer")!;
        var ctx = Host.CreateContext();
        var before = Sim.Simulation.CustomerCount;

        var first = await action.Handler(new CreateCustomerInput { Email = "retry@example.com" }, ctx, ct);
        var retried = await action.Handler(new CreateCustomerInput { Email = "retry@example.com" }, ctx, ct);

        retried.Id.ShouldBe(first.Id);
        Sim.Simulation.CustomerCount.ShouldBe(before + 1);
    }

    [Fact]
    public async Task CreateCustomer_SameKeyOtherParameters_IsStripesIdempotencyError()
    {
        var ct = TestContext.Current.CancellationToken;
        var action = (TypedActionDefinition<CreateCustomerInput, StripeCustomer>)Host.Definition.FindAction("create_customer")!;
        var ctx = Host.CreateContext();
        await action.Handler(new CreateCustomerInput { Email = "one@example.com" }, ctx, ct);

        var error = await Should.ThrowAsync<UpstreamException>(() => action.Handler(new CreateCustomerInput { Email = "two@example.com" }, ctx, ct));

        error.StatusCode.ShouldBe(400);
        error.Message.ShouldContain("idempotency key");
    }

    [Fact]
    public async Task PaymentFlow_CreateConfirmRefund_MovesMoneyAndCharges()
    {
        var ct = TestContext.Current.CancellationToken;
        var intent = await Host.RunActionAsync<StripePaymentIntent>("create_payment_intent",
            new { amount = 4999, currency = "EUR", payment_method = "pm_card_visa", payment_method_types = new[] { "card" }, confirm = true }, StripeConnector.Json, ct);
        intent!.Status.ShouldBe("succeeded");
        intent.Currency.ShouldBe("eur");

        var refund = await Host.RunActionAsync<StripeRefund>("create_refund", new { payment_intent = intent.Id }, StripeConnector.Json, ct);
        var charges = await Host.RunActionAsync<StripeChargeList>("list_charges", new { payment_intent = intent.Id }, StripeConnector.Json, ct);

        refund!.Amount.ShouldBe(4999);
        var charge = charges!.Data.ShouldHaveSingleItem();
        charge.Refunded.ShouldBeTrue();
        charge.AmountRefunded.ShouldBe(4999);
    }

    [Fact]
    public async Task CreateRefund_NeitherIntentNorCharge_IsValidationErrorBeforeAnyRequest()
    {
        var requests = _checking!.RequestCount;

        var error = await Should.ThrowAsync<ConnectorValidationException>(() =>
            Host.RunActionAsync("create_refund", new JsonObject { ["amount"] = 100 }, TestContext.Current.CancellationToken));

        error.Path.ShouldBe("$.payment_intent");
        _checking.RequestCount.ShouldBe(requests);
    }

    [Fact]
    public async Task SearchCustomers_MetadataAndName_FindsTheCustomer()
    {
        var ct = TestContext.Current.CancellationToken;
        await Host.RunActionAsync("create_customer", new JsonObject { ["name"] = "Katherine Johnson", ["metadata"] = new JsonObject { ["plan"] = "orbit" } }, ct);

        var result = await Host.RunActionAsync<StripeCustomerSearchResult>("search_customers",
            new { query = "name~'Katherine' AND metadata['plan']:'orbit'" }, StripeConnector.Json, ct);

        result!.Data.ShouldHaveSingleItem().Name.ShouldBe("Katherine Johnson");
    }

    [Fact]
    public async Task SearchCustomers_InvalidQuery_IsValidationErrorOnQuery()
    {
        var error = await Should.ThrowAsync<ConnectorValidationException>(() =>
            Host.RunActionAsync("search_customers", new JsonObject { ["query"] = "favourite_colour:'red'" }, TestContext.Current.CancellationToken));

        error.Path.ShouldBe("$.query");
    }

    [Fact]
    public async Task EventTrigger_SubscribeThenUnsubscribe_CreatesAndDeletesWebhookEndpoint()
    {
        var ct = TestContext.Current.CancellationToken;
        var trigger = (WebhookTriggerDefinition)Host.Definition.FindTrigger("event")!;
        var subscription = new WebhookSubscription("https://fastn.example/webhooks/stripe/conn_1", ["payment_intent.succeeded", "charge.refunded"]);

        var registered = await trigger.Subscribe!(subscription, Host.CreateContext(), ct);

        registered.ExternalId.ShouldNotBeNull().ShouldStartWith("we_");
        registered.SigningSecret.ShouldNotBeNull().ShouldStartWith("whsec_");
        Sim.Simulation.WebhookEndpointIds.ShouldContain(registered.ExternalId);

        await trigger.Unsubscribe!(registered, Host.CreateContext(), ct);

        Sim.Simulation.WebhookEndpointIds.ShouldNotContain(registered.ExternalId);
    }

    [Fact]
    public void Entities_Coverage_IsWhatTheReadmeStates()
    {
        var coverage = StripeConnector.Definition.Entities.ToDictionary(e => e.Name, e => CdmCoverage.Of(e)!);

        coverage["customer"].Mapped.Count.ShouldBe(8);
        coverage["customer"].Unmapped.ShouldBe(["company", "tags", "updatedAt"], ignoreOrder: true);
        coverage["payment_intent"].Mapped.Count.ShouldBe(9);
        coverage["charge"].Mapped.Count.ShouldBe(10);
        coverage["invoice"].Mapped.Count.ShouldBe(14);
        coverage.Values.ShouldAllBe(c => c.MissingRequired.Count == 0);
    }

    [Fact]
    public async Task CustomerEntity_ToCdm_SplitsNameAndMapsAddress()
    {
        var customer = await Host.RunActionAsync("create_customer", new JsonObject
        {
            ["name"] = "Mary Jackson",
            ["email"] = "mary@example.com",
            ["address"] = new JsonObject { ["line1"] = "1 Langley Blvd", ["city"] = "Hampton", ["state"] = "VA", ["postal_code"] = "23681", ["country"] = "US" },
        }, TestContext.Current.CancellationToken);

        var cdm = Host.Definition.FindEntity("customer")!.ToCdm(customer!.AsObject());

        cdm["firstName"]!.GetValue<string>().ShouldBe("Mary");
        cdm["lastName"]!.GetValue<string>().ShouldBe("Jackson");
        cdm["email"]!.GetValue<string>().ShouldBe("mary@example.com");
        var address = cdm["addresses"]!.AsArray().ShouldHaveSingleItem()!;
        address["region"]!.GetValue<string>().ShouldBe("VA");
        address["postalCode"]!.GetValue<string>().ShouldBe("23681");
        cdm["createdAt"].ShouldNotBeNull();
    }

    [Fact]
    public async Task InvoiceEntity_ToCdm_ConvertsMinorUnitsAndLines()
    {
        var ct = TestContext.Current.CancellationToken;
        var customer = await Host.RunActionAsync<StripeCustomer>("create_customer", new { email = "billing@example.com" }, StripeConnector.Json, ct);
        var invoice = await Host.RunActionAsync("create_invoice", new JsonObject
        {
            ["customer"] = customer!.Id,
            ["items"] = new JsonArray(new JsonObject { ["description"] = "Seats", ["unit_amount"] = 1250, ["quantity"] = 4 }),
        }, ct);

        var cdm = Host.Definition.FindEntity("invoice")!.ToCdm(invoice!.AsObject());

        cdm["total"]!.GetValue<decimal>().ShouldBe(50m);
        cdm["currency"]!.GetValue<string>().ShouldBe("USD");
        cdm["status"]!.GetValue<string>().ShouldBe("draft");
        var line = cdm["lineItems"]!.AsArray().ShouldHaveSingleItem()!;
        line["unitPrice"]!.GetValue<decimal>().ShouldBe(12.5m);
        line["quantity"]!.GetValue<long>().ShouldBe(4);
    }
}

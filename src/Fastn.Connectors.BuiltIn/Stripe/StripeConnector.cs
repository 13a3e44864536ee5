using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.BuiltIn.Stripe.Models;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Stripe;

/// <summary>
/// Stripe: customers, payment intents, charges, refunds and invoices over Stripe's REST API with a secret key,
/// a pinned <c>Stripe-Version</c>, <c>Idempotency-Key</c> on every write, and <c>Stripe-Signature</c> webhooks.
/// </summary>
[FastnConnector]
public static class StripeConnector
{
    /// <summary>The Stripe API version every request pins (the version of the OpenAPI spec the connector is tested against).</summary>
    public const string ApiVersion = "2022-11-15";

    /// <summary>Stripe's API host.</summary>
    public const string DefaultRoot = "https://api.stripe.com";

    /// <summary>The event types the <c>event</c> trigger subscribes to by default.</summary>
    public static IReadOnlyList<string> EventTypes { get; } =
    [
        "payment_intent.succeeded", "payment_intent.payment_failed", "payment_intent.canceled",
        "charge.succeeded", "charge.failed", "charge.refunded",
        "customer.created", "customer.updated", "customer.deleted",
        "invoice.created", "invoice.finalized", "invoice.paid", "invoice.payment_failed",
    ];

    /// <summary>Stripe's JSON is snake_case.</summary>
    public static JsonSerializerOptions Json => ConnectorJson.SnakeCase;

    /// <summary>The connector against the real Stripe API.</summary>
    public static ConnectorDefinition Definition { get; } = Build(DefaultRoot);

    /// <summary>The connector against the Stripe simulation under <paramref name="sandboxBaseUrl"/> (<c>{PublicBaseUrl}/sandbox</c>).</summary>
    public static ConnectorDefinition Create(string sandboxBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(sandboxBaseUrl);
        return Build(sandboxBaseUrl.TrimEnd('/') + "/stripe");
    }

    private static ConnectorDefinition Build(string root) => new()
    {
        Name = "stripe",
        DisplayName = "Stripe",
        Description = "Customers, payments, refunds and invoices in Stripe, with signed webhooks for payment, customer and invoice events.",
        Categories = ["payments", "billing"],
        BaseUrl = root + "/v1",
        DocumentationUrl = "https://docs.stripe.com/api",
        JsonOptions = Json,
        Auth = Auth.OneOf(
            new ApiKeyAuth
            {
                Id = "secret_key",
                Label = "Secret key",
                In = ApiKeyLocation.Header,
                Name = "Authorization",
                Prefix = "Bearer ",
                KeyLabel = "Secret key",
                KeyHelp = "A secret key (sk_test_… or sk_live_…) or restricted key (rk_…) from Developers → API keys in the Stripe Dashboard.",
                KeyPattern = "^(sk|rk)_(test|live)_[A-Za-z0-9]+$",
            }),
        Capabilities = new ConnectorCapabilities
        {
            TestAction = "get_balance",
            // Stripe allows 100 requests/s in live mode and 25/s in test mode; stay under the lower one.
            RequestsPerSecond = 25,
            Burst = 25,
        },
        Actions =
        {
            Define.Action<StripeNoInput, StripeBalance>("get_balance", "Get the account's balance (available and pending funds).",
                (_, ctx, ct) => StripeApi.GetAsync<StripeBalance>(ctx, "balance", null, ct),
                ActionHints.Read("balance") with { LlmDescription = "Get the Stripe account's available and pending balance per currency, in the smallest currency unit." }, Json),
            Define.Action<CreateCustomerInput, StripeCustomer>("create_customer", "Create a customer.",
                (input, ctx, ct) => StripeApi.PostAsync<StripeCustomer>(ctx, "customers", CustomerForm(input.Email, input.Name, input.Phone, input.Description, input.Address, input.Metadata), ct),
                Write("customers", "Create a Stripe customer from an e-mail, name, phone, address and metadata. Returns the customer with its cus_ id."), Json),
            Define.Action<StripeIdInput, StripeCustomer>("get_customer", "Get one customer by id.",
                (input, ctx, ct) => StripeApi.GetAsync<StripeCustomer>(ctx, ctx.Http.Path("customers/{id}", input.Id), null, ct),
                Read("customers", "Get a Stripe customer by its cus_ id."), Json),
            Define.Action<UpdateCustomerInput, StripeCustomer>("update_customer", "Change fields of a customer; fields left out stay as they are.",
                (input, ctx, ct) => StripeApi.PostAsync<StripeCustomer>(ctx, ctx.Http.Path("customers/{id}", input.Id),
                    CustomerForm(input.Email, input.Name, input.Phone, input.Description, input.Address, input.Metadata), ct),
                Write("customers", "Update a Stripe customer's e-mail, name, phone, description, address or metadata; omitted fields are unchanged."), Json),
            Define.Action<StripeIdInput, StripeDeletedObject>("delete_customer", "Delete a customer permanently (also cancels their subscriptions).",
                (input, ctx, ct) => StripeApi.DeleteAsync<StripeDeletedObject>(ctx, ctx.Http.Path("customers/{id}", input.Id), ct),
                ActionHints.Delete("customers") with { LlmDescription = "Permanently delete a Stripe customer and cancel their active subscriptions. Cannot be undone." }, Json),
            Define.Action<ListCustomersInput, StripeCustomerList>("list_customers", "List customers, newest first, one page at a time.",
                (input, ctx, ct) => StripeApi.GetAsync<StripeCustomerList>(ctx, "customers",
                    new StripeForm().Add("limit", Limit(input.Limit)).Add("starting_after", input.StartingAfter).Add("email", input.Email), ct),
                Read("customers", "List Stripe customers newest first. While has_more is true, pass the last customer's id as starting_after for the next page; email filters by exact address."), Json),
            Define.Action<SearchCustomersInput, StripeCustomerSearchResult>("search_customers", "Search customers with Stripe's search query language.",
                (input, ctx, ct) => StripeApi.GetAsync<StripeCustomerSearchResult>(ctx, "customers/search",
                    new StripeForm().Add("query", input.Query).Add("limit", Limit(input.Limit)).Add("page", input.Page), ct),
                Read("customers", "Search Stripe customers, e.g. query email:'ada@example.com', name~'Lovelace', metadata['plan']:'pro'; clauses joined with AND or OR. Pass next_page as page for more."), Json),
            Define.Action<CreatePaymentIntentInput, StripePaymentIntent>("create_payment_intent", "Create a payment intent to collect a payment.",
                (input, ctx, ct) => StripeApi.PostAsync<StripePaymentIntent>(ctx, "payment_intents", new StripeForm()
                    .Add("amount", input.Amount).Add("currency", input.Currency?.ToLowerInvariant()).Add("customer", input.Customer)
                    .Add("description", input.Description).Add("payment_method", input.PaymentMethod).AddList("payment_method_types", input.PaymentMethodTypes)
                    .Add("automatic_payment_methods[enabled]", input.PaymentMethodTypes is null or { Count: 0 } ? true : null)
                    .Add("confirm", input.Confirm).Add("capture_method", input.CaptureMethod).Add("receipt_email", input.ReceiptEmail)
                    .AddMap("metadata", input.Metadata), ct),
                Write("payments", "Create a Stripe PaymentIntent for an amount in the smallest currency unit (1099 = $10.99). With payment_method and confirm=true it charges at once; otherwise return client_secret to the payer's browser."), Json),
            Define.Action<StripeIdInput, StripePaymentIntent>("get_payment_intent", "Get one payment intent by id.",
                (input, ctx, ct) => StripeApi.GetAsync<StripePaymentIntent>(ctx, ctx.Http.Path("payment_intents/{id}", input.Id), null, ct),
                Read("payments", "Get a Stripe PaymentIntent by its pi_ id, with its status and latest charge."), Json),
            Define.Action<ConfirmPaymentIntentInput, StripePaymentIntent>("confirm_payment_intent", "Confirm a payment intent, attempting the payment.",
                (input, ctx, ct) => StripeApi.PostAsync<StripePaymentIntent>(ctx, ctx.Http.Path("payment_intents/{id}/confirm", input.Id), new StripeForm()
                    .Add("payment_method", input.PaymentMethod).Add("return_url", input.ReturnUrl).Add("receipt_email", input.ReceiptEmail), ct),
                Write("payments", "Confirm a Stripe PaymentIntent so Stripe attempts the payment with its payment method. A declined card fails with Stripe's decline message."), Json),
            Define.Action<ListChargesInput, StripeChargeList>("list_charges", "List charges, newest first, one page at a time.",
                (input, ctx, ct) => StripeApi.GetAsync<StripeChargeList>(ctx, "charges", new StripeForm()
                    .Add("customer", input.Customer).Add("payment_intent", input.PaymentIntent)
                    .Add("limit", Limit(input.Limit)).Add("starting_after", input.StartingAfter), ct),
                Read("payments", "List Stripe charges newest first, optionally for one customer or payment intent. While has_more is true, pass the last charge's id as starting_after."), Json),
            Define.Action<CreateRefundInput, StripeRefund>("create_refund", "Refund a payment intent or a charge, wholly or in part.",
                (input, ctx, ct) =>
                {
                    if (input.PaymentIntent is null == (input.Charge is null))
                    {
                        throw new ConnectorValidationException("Give exactly one of payment_intent or charge to refund.", "$.payment_intent");
                    }

                    return StripeApi.PostAsync<StripeRefund>(ctx, "refunds", new StripeForm()
                        .Add("payment_intent", input.PaymentIntent).Add("charge", input.Charge).Add("amount", input.Amount)
                        .Add("reason", input.Reason).AddMap("metadata", input.Metadata), ct);
                },
                Write("payments", "Refund a Stripe payment (payment_intent pi_ or charge ch_); amount in the smallest currency unit refunds part, omitted refunds the rest. Moves money back to the customer."), Json),
            Define.Action<CreateInvoiceInput, StripeInvoice>("create_invoice", "Create a draft invoice for a customer with its lines.",
                CreateInvoiceAsync,
                Write("invoices", "Create a draft Stripe invoice for a customer (cus_ id) with lines of description, unit_amount (smallest currency unit) and quantity. Returns the invoice with its lines and totals."), Json),
            Define.Action<StripeIdInput, StripeInvoice>("get_invoice", "Get one invoice by id.",
                (input, ctx, ct) => StripeApi.GetAsync<StripeInvoice>(ctx, ctx.Http.Path("invoices/{id}", input.Id), null, ct),
                Read("invoices", "Get a Stripe invoice by its in_ id with status, totals and lines."), Json),
        },
        Triggers =
        {
            Define.WebhookTrigger("event", "Stripe sent an event: a payment succeeded or failed, a charge was refunded, a customer or invoice changed.",
                verify: StripeWebhooks.Verify, extract: StripeWebhooks.Extract, eventTypes: EventTypes) with
            {
                Subscribe = SubscribeAsync,
                Unsubscribe = (subscription, ctx, ct) => subscription.ExternalId is { } id
                    ? StripeApi.DeleteAsync<StripeDeletedObject>(ctx, ctx.Http.Path("webhook_endpoints/{id}", id), ct)
                    : Task.CompletedTask,
            },
        },
        Entities =
        {
            StripeEntities.Customer(Json),
            StripeEntities.PaymentIntent(Json),
            StripeEntities.Charge(Json),
            StripeEntities.Invoice(Json),
        },
    };

    private static ActionHints Read(string category, string llm) => ActionHints.Read(category) with { LlmDescription = llm };

    // Every write carries the call's Idempotency-Key, so Stripe de-duplicates retries: safe to retry.
    private static ActionHints Write(string category, string llm) => ActionHints.Write(category) with { Idempotent = true, LlmDescription = llm };

    private static long? Limit(int? limit) => limit is { } l ? Math.Clamp(l, 1, 100) : null;

    private static StripeForm CustomerForm(string? email, string? name, string? phone, string? description, StripeAddress? address, IReadOnlyDictionary<string, string>? metadata) =>
        new StripeForm().Add("email", email).Add("name", name).Add("phone", phone).Add("description", description)
            .AddAddress("address", address).AddMap("metadata", metadata);

    private static async Task<StripeInvoice> CreateInvoiceAsync(CreateInvoiceInput input, ConnectorContext ctx, CancellationToken ct)
    {
        var currency = input.Currency?.ToLowerInvariant();
        // "exclude" keeps the customer's other pending invoice items off this invoice; the lines are added below.
        var invoice = await StripeApi.PostAsync<StripeInvoice>(ctx, "invoices", new StripeForm()
            .Add("customer", input.Customer).Add("currency", currency).Add("description", input.Description)
            .Add("collection_method", input.CollectionMethod).Add("days_until_due", input.DaysUntilDue)
            .Add("auto_advance", input.AutoAdvance).Add("pending_invoice_items_behavior", "exclude")
            .AddMap("metadata", input.Metadata), ct, "invoice").ConfigureAwait(false);
        if (input.Items.Count == 0)
        {
            return invoice;
        }

        for (var i = 0; i < input.Items.Count; i++)
        {
            var item = input.Items[i];
            await StripeApi.PostAsync<JsonObject>(ctx, "invoiceitems", new StripeForm()
                .Add("customer", input.Customer).Add("invoice", invoice.Id).Add("currency", currency ?? invoice.Currency)
                .Add("description", item.Description).Add("unit_amount", item.UnitAmount).Add("quantity", item.Quantity ?? 1), ct,
                "item:" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ConfigureAwait(false);
        }

        return await StripeApi.GetAsync<StripeInvoice>(ctx, ctx.Http.Path("invoices/{id}", invoice.Id), null, ct).ConfigureAwait(false);
    }

    private static async Task<WebhookSubscription> SubscribeAsync(WebhookSubscription subscription, ConnectorContext ctx, CancellationToken ct)
    {
        var events = subscription.EventTypes.Count > 0 ? subscription.EventTypes : EventTypes;
        var endpoint = await StripeApi.PostAsync<StripeWebhookEndpoint>(ctx, "webhook_endpoints", new StripeForm()
            .Add("url", subscription.CallbackUrl).AddList("enabled_events", events)
            .Add("description", "Fastn connection " + ctx.ConnectionId), ct).ConfigureAwait(false);
        return subscription with { ExternalId = endpoint.Id, SigningSecret = endpoint.Secret };
    }
}

using System.Globalization;
using System.Text.Json.Nodes;
using static Fastn.Sandbox.Vendors.Stripe.StripeParams;

namespace Fastn.Sandbox.Vendors.Stripe;

/// <summary>The REST operations of the simulation, each with Stripe's parameter checks, state changes and events.</summary>
internal static class StripeOperations
{
    private static readonly string[] CustomerParams = ["address", "description", "email", "expand", "metadata", "name", "phone"];

    public static JsonNode Balance(StripeCall c)
    {
        Allow(c.Params, "expand");
        return c.Sim.Run(_ =>
        {
            var available = c.Sim.Charges.NewestFirst().Where(ch => ch["paid"]!.GetValue<bool>())
                .Sum(ch => ch["amount"].AsLong() - ch["amount_refunded"].AsLong());
            return new JsonObject
            {
                ["object"] = "balance",
                ["available"] = new JsonArray(new JsonObject { ["amount"] = available, ["currency"] = "usd", ["source_types"] = new JsonObject { ["card"] = available } }),
                ["livemode"] = false,
                ["pending"] = new JsonArray(new JsonObject { ["amount"] = 0, ["currency"] = "usd", ["source_types"] = new JsonObject { ["card"] = 0 } }),
            };
        });
    }

    public static JsonNode CreateCustomer(StripeCall c)
    {
        Allow(c.Params, CustomerParams);
        return c.Sim.Run(events =>
        {
            var customer = StripeObjects.Customer(StripeIds.New("cus")[..18], c.Sim.Now, Str(c.Params, "name"), CheckEmail(c.Params),
                Str(c.Params, "phone"), Str(c.Params, "description"), AddressFrom(c.Params, null), MetadataFrom(c.Params, null),
                StripeIds.Random(8).ToUpperInvariant());
            c.Sim.Customers.Add(customer);
            c.Sim.NewEvent(events, "customer.created", customer);
            return customer.DeepClone();
        });
    }

    public static JsonNode GetCustomer(StripeCall c)
    {
        Allow(c.Params, "expand");
        return c.Sim.Run(_ => c.Sim.Customers.Get(c.Route("customer")).DeepClone());
    }

    public static JsonNode UpdateCustomer(StripeCall c)
    {
        Allow(c.Params, CustomerParams);
        return c.Sim.Run(events =>
        {
            var customer = c.Sim.Customers.Get(c.Route("customer"));
            var previous = new JsonObject();
            foreach (var field in new[] { "name", "email", "phone", "description" })
            {
                if (Str(c.Params, field) is { } value)
                {
                    previous[field] = customer[field]?.DeepClone();
                    customer[field] = field == "email" ? CheckEmail(c.Params) : value.Length == 0 ? null : value;
                }
            }

            if (c.Params["address"] is not null)
            {
                previous["address"] = customer["address"]?.DeepClone();
                customer["address"] = AddressFrom(c.Params, customer["address"] as JsonObject);
            }

            if (c.Params["metadata"] is not null)
            {
                previous["metadata"] = customer["metadata"]!.DeepClone();
                customer["metadata"] = MetadataFrom(c.Params, customer["metadata"] as JsonObject);
            }

            c.Sim.NewEvent(events, "customer.updated", customer, previous);
            return customer.DeepClone();
        });
    }

    public static JsonNode DeleteCustomer(StripeCall c)
    {
        Allow(c.Params);
        return c.Sim.Run(events =>
        {
            var customer = c.Sim.Customers.Get(c.Route("customer"));
            c.Sim.Customers.Remove(customer["id"]!.GetValue<string>());
            c.Sim.NewEvent(events, "customer.deleted", customer);
            return new JsonObject { ["id"] = customer["id"]!.DeepClone(), ["object"] = "customer", ["deleted"] = true };
        });
    }

    public static JsonNode ListCustomers(StripeCall c)
    {
        Allow(c.Params, "created", "email", "ending_before", "expand", "limit", "starting_after", "test_clock");
        var email = Str(c.Params, "email");
        return c.Sim.Run(_ => c.Sim.Customers.Page(c.Params, email is null ? null : cu => Str(cu, "email") == email));
    }

    public static JsonNode SearchCustomers(StripeCall c)
    {
        Allow(c.Params, "expand", "limit", "page", "query");
        var query = RequiredString(c.Params, "query");
        var limit = Long(c.Params, "limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            throw StripeError.Invalid("limit", $"Invalid integer: {limit}; must be between 1 and 100.", "parameter_invalid_integer");
        }

        var match = StripeSearch.Compile(query);
        var offset = 0;
        if (Str(c.Params, "page") is { } page && !TryReadPage(page, out offset))
        {
            throw StripeError.Invalid("page", "Invalid page token.");
        }

        return c.Sim.Run(_ =>
        {
            var found = c.Sim.Customers.NewestFirst().Where(match).ToList();
            var items = found.Skip(offset).Take((int)limit).ToList();
            var more = found.Count > offset + items.Count;
            return new JsonObject
            {
                ["object"] = "search_result",
                ["data"] = new JsonArray([.. items.Select(i => (JsonNode)i.DeepClone())]),
                ["has_more"] = more,
                ["next_page"] = more ? "page_" + Convert.ToBase64String(BitConverter.GetBytes(offset + items.Count)).TrimEnd('=') : null,
                ["url"] = "/v1/customers/search",
            };
        });
    }

    public static JsonNode CreatePaymentIntent(StripeCall c)
    {
        Allow(c.Params, "amount", "automatic_payment_methods", "capture_method", "confirm", "currency", "customer", "description",
            "expand", "metadata", "payment_method", "payment_method_types", "receipt_email", "return_url", "statement_descriptor");
        var amount = Required(c.Params, "amount");
        var currency = CheckCurrency(RequiredString(c.Params, "currency"));
        if (amount < 50)
        {
            throw StripeError.Invalid("amount", "Amount must be at least $0.50 usd", "amount_too_small");
        }

        var capture = Str(c.Params, "capture_method") ?? "automatic";
        if (capture is not ("automatic" or "manual" or "automatic_async"))
        {
            throw StripeError.Invalid("capture_method", $"Invalid capture_method: must be one of automatic, automatic_async, or manual");
        }

        var types = Strings(c.Params, "payment_method_types");
        var automatic = Bool(Obj(c.Params, "automatic_payment_methods") ?? [], "enabled") ?? types is null;
        var confirm = Bool(c.Params, "confirm") ?? false;
        return c.Sim.Run(events =>
        {
            var customer = Str(c.Params, "customer");
            if (customer is not null)
            {
                c.Sim.Customers.Get(customer, "customer");
            }

            var intent = StripeObjects.PaymentIntent(StripeIds.New("pi"), c.Sim.Now, amount, currency, customer, Str(c.Params, "description"),
                types ?? ["card"], automatic, capture, Str(c.Params, "receipt_email"), MetadataFrom(c.Params, null));
            if (Str(c.Params, "payment_method") is { } pm)
            {
                intent["payment_method"] = pm;
                intent["status"] = "requires_confirmation";
            }

            c.Sim.PaymentIntents.Add(intent);
            c.Sim.NewEvent(events, "payment_intent.created", intent);
            if (confirm)
            {
                Attempt(c.Sim, events, intent, null);
            }

            return intent.DeepClone();
        });
    }

    public static JsonNode GetPaymentIntent(StripeCall c)
    {
        Allow(c.Params, "client_secret", "expand");
        return c.Sim.Run(_ => c.Sim.PaymentIntents.Get(c.Route("intent"), "intent").DeepClone());
    }

    public static JsonNode ConfirmPaymentIntent(StripeCall c)
    {
        Allow(c.Params, "capture_method", "expand", "payment_method", "receipt_email", "return_url");
        return c.Sim.Run(events =>
        {
            var intent = c.Sim.PaymentIntents.Get(c.Route("intent"), "intent");
            var status = intent["status"]!.GetValue<string>();
            if (status is "succeeded" or "canceled" or "processing" or "requires_capture")
            {
                throw new StripeError(400, "invalid_request_error",
                    $"This PaymentIntent's status is {status}, but it must be requires_payment_method, requires_confirmation or requires_action to be confirmed.",
                    "payment_intent_unexpected_state", null, new JsonObject { ["payment_intent"] = intent.DeepClone() });
            }

            if (Str(c.Params, "receipt_email") is { } email)
            {
                intent["receipt_email"] = email;
            }

            Attempt(c.Sim, events, intent, Str(c.Params, "payment_method"));
            return intent.DeepClone();
        });
    }

    public static JsonNode ListCharges(StripeCall c)
    {
        Allow(c.Params, "created", "customer", "ending_before", "expand", "limit", "payment_intent", "starting_after", "transfer_group");
        var customer = Str(c.Params, "customer");
        var intent = Str(c.Params, "payment_intent");
        return c.Sim.Run(_ => c.Sim.Charges.Page(c.Params, ch =>
            (customer is null || Str(ch, "customer") == customer) && (intent is null || Str(ch, "payment_intent") == intent)));
    }

    public static JsonNode CreateRefund(StripeCall c)
    {
        Allow(c.Params, "amount", "charge", "expand", "metadata", "payment_intent", "reason");
        var reason = Str(c.Params, "reason");
        if (reason is not (null or "duplicate" or "fraudulent" or "requested_by_customer"))
        {
            throw StripeError.Invalid("reason", "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer");
        }

        return c.Sim.Run(events =>
        {
            JsonObject charge;
            if (Str(c.Params, "charge") is { } chargeId)
            {
                charge = c.Sim.Charges.Get(chargeId, "charge");
            }
            else if (Str(c.Params, "payment_intent") is { } intentId)
            {
                var intent = c.Sim.PaymentIntents.Get(intentId, "payment_intent");
                charge = c.Sim.Charges.Find(Str(intent, "latest_charge")) is { } latest && latest["paid"]!.GetValue<bool>()
                    ? latest
                    : throw new StripeError(400, "invalid_request_error",
                        $"This PaymentIntent ({intentId}) does not have a successful charge to refund.", "charge_not_refundable", "payment_intent");
            }
            else
            {
                throw new StripeError(400, "invalid_request_error", "One of the following params should be provided for this request: payment_intent or charge.", "parameter_missing");
            }

            var remaining = charge["amount"].AsLong() - charge["amount_refunded"].AsLong();
            var amount = Long(c.Params, "amount") ?? remaining;
            if (remaining == 0)
            {
                throw new StripeError(400, "invalid_request_error", $"Charge {charge["id"]} has already been refunded.", "charge_already_refunded");
            }

            if (amount <= 0 || amount > remaining)
            {
                throw StripeError.Invalid("amount",
                    $"Refund amount ({ToMoney(amount)}) is greater than unrefunded amount on charge ({ToMoney(remaining)})", "amount_too_large");
            }

            var refund = StripeObjects.Refund(StripeIds.New("re"), c.Sim.Now, amount, charge, reason, MetadataFrom(c.Params, null));
            c.Sim.Refunds.Add(refund);
            charge["amount_refunded"] = charge["amount_refunded"].AsLong() + amount;
            charge["refunded"] = charge["amount_refunded"].AsLong() == charge["amount"].AsLong();
            c.Sim.NewEvent(events, "charge.refunded", charge);
            return refund.DeepClone();
        });
    }

    public static JsonNode CreateInvoice(StripeCall c)
    {
        Allow(c.Params, "auto_advance", "collection_method", "currency", "customer", "days_until_due", "description", "due_date",
            "expand", "metadata", "pending_invoice_items_behavior");
        var method = Str(c.Params, "collection_method") ?? "charge_automatically";
        if (method is not ("charge_automatically" or "send_invoice"))
        {
            throw StripeError.Invalid("collection_method", "Invalid collection_method: must be one of charge_automatically or send_invoice");
        }

        var days = Long(c.Params, "days_until_due");
        if (method == "send_invoice" && days is null && Long(c.Params, "due_date") is null)
        {
            throw StripeError.Invalid("days_until_due", "Invoices with `collection_method=send_invoice` must have a `days_until_due` or `due_date`.", "invoice_no_customer_line_items");
        }

        return c.Sim.Run(events =>
        {
            var customerId = RequiredString(c.Params, "customer");
            var customer = c.Sim.Customers.Get(customerId, "customer");
            var now = c.Sim.Now;
            var due = Long(c.Params, "due_date") ?? (days is { } d ? now + d * 86_400 : null);
            var invoice = StripeObjects.Invoice(StripeIds.New("in"), now, customerId, customer, CheckCurrency(Str(c.Params, "currency") ?? "usd"),
                method, method == "send_invoice" ? due : null, Bool(c.Params, "auto_advance") ?? true, Str(c.Params, "description"), MetadataFrom(c.Params, null));
            c.Sim.Invoices.Add(invoice);
            c.Sim.NewEvent(events, "invoice.created", invoice);
            return invoice.DeepClone();
        });
    }

    public static JsonNode GetInvoice(StripeCall c)
    {
        Allow(c.Params, "expand");
        return c.Sim.Run(_ => c.Sim.Invoices.Get(c.Route("invoice"), "invoice").DeepClone());
    }

    public static JsonNode CreateInvoiceItem(StripeCall c)
    {
        Allow(c.Params, "amount", "currency", "customer", "description", "discountable", "expand", "invoice", "metadata", "quantity", "unit_amount");
        return c.Sim.Run(_ =>
        {
            var customerId = RequiredString(c.Params, "customer");
            c.Sim.Customers.Get(customerId, "customer");
            var invoice = Str(c.Params, "invoice") is { } invoiceId ? c.Sim.Invoices.Get(invoiceId, "invoice") : null;
            if (invoice is not null && invoice["status"]!.GetValue<string>() != "draft")
            {
                throw StripeError.Invalid("invoice", $"You can only add invoice items to draft invoices; {invoice["id"]} is {invoice["status"]}.", "invoice_not_editable");
            }

            if (invoice is not null && Str(invoice, "customer") != customerId)
            {
                throw StripeError.Invalid("invoice", $"The invoice {invoice["id"]} belongs to another customer.");
            }

            var quantity = Long(c.Params, "quantity") ?? 1;
            var unit = Long(c.Params, "unit_amount") ?? Long(c.Params, "amount") ?? throw StripeError.Missing("amount");
            var currency = CheckCurrency(Str(c.Params, "currency") ?? Str(invoice ?? [], "currency") ?? throw StripeError.Missing("currency"));
            var now = c.Sim.Now;
            var price = StripeObjects.Price(StripeIds.New("price"), now, currency, unit, StripeIds.New("prod")[..19]);
            var item = StripeObjects.InvoiceItem(StripeIds.New("ii"), now, customerId, invoice?["id"]?.GetValue<string>(), currency,
                Str(c.Params, "description"), unit, quantity, price, MetadataFrom(c.Params, null));
            c.Sim.InvoiceItems.Add(item);
            if (invoice is not null)
            {
                invoice["lines"]!["data"]!.AsArray().Add(StripeObjects.LineItem(item));
                var subtotal = invoice["subtotal"].AsLong() + item["amount"].AsLong();
                foreach (var field in new[] { "subtotal", "subtotal_excluding_tax", "total", "total_excluding_tax", "amount_due", "amount_remaining" })
                {
                    invoice[field] = subtotal;
                }
            }

            return item.DeepClone();
        });
    }

    public static JsonNode CreateWebhookEndpoint(StripeCall c)
    {
        Allow(c.Params, "api_version", "connect", "description", "enabled_events", "expand", "metadata", "url");
        var url = RequiredString(c.Params, "url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw StripeError.Invalid("url", "Invalid URL: must be an absolute http or https URL.", "url_invalid");
        }

        var events = Strings(c.Params, "enabled_events") is { Count: > 0 } list ? list : throw StripeError.Missing("enabled_events");
        return c.Sim.Run(_ =>
        {
            var endpoint = StripeObjects.WebhookEndpoint(StripeIds.New("we"), c.Sim.Now, url, events, Str(c.Params, "description"),
                "whsec_" + StripeIds.Random(32), MetadataFrom(c.Params, null));
            c.Sim.WebhookEndpoints.Add(endpoint);
            return endpoint.DeepClone();
        });
    }

    public static JsonNode ListWebhookEndpoints(StripeCall c)
    {
        Allow(c.Params, "ending_before", "expand", "limit", "starting_after");
        return c.Sim.Run(_ => WithoutSecrets(c.Sim.WebhookEndpoints.Page(c.Params)));
    }

    public static JsonNode DeleteWebhookEndpoint(StripeCall c)
    {
        Allow(c.Params);
        return c.Sim.Run(_ =>
        {
            var endpoint = c.Sim.WebhookEndpoints.Get(c.Route("webhook_endpoint"), "webhook_endpoint");
            c.Sim.WebhookEndpoints.Remove(endpoint["id"]!.GetValue<string>());
            return new JsonObject { ["id"] = endpoint["id"]!.DeepClone(), ["object"] = "webhook_endpoint", ["deleted"] = true };
        });
    }

    /// <summary>
    /// A payment attempt with Stripe's test payment methods: <c>pm_card_visa</c> (and other ids) succeed,
    /// <c>pm_card_chargeDeclined</c>, <c>pm_card_visa_chargeDeclined…</c> are declined with a 402 card_error.
    /// </summary>
    private static void Attempt(StripeSimulation sim, List<JsonObject> events, JsonObject intent, string? paymentMethod)
    {
        var pm = paymentMethod ?? Str(intent, "payment_method")
            ?? throw new StripeError(400, "invalid_request_error",
                "You cannot confirm this PaymentIntent because it's missing a payment method. To confirm the PaymentIntent with a customer, update it with a payment method first.",
                "payment_intent_unexpected_state", "payment_method");
        intent["payment_method"] = pm;
        var declined = pm.Contains("Declined", StringComparison.OrdinalIgnoreCase) || pm.Contains("insufficient", StringComparison.OrdinalIgnoreCase);
        var decline = pm.Contains("insufficient", StringComparison.OrdinalIgnoreCase) ? "insufficient_funds" : "generic_decline";
        var charge = StripeObjects.Charge(StripeIds.New("ch"), sim.Now, intent, pm, !declined,
            declined ? "card_declined" : null, declined ? "Your card was declined." : null, Str(intent, "receipt_email"));
        sim.Charges.Add(charge);
        intent["latest_charge"] = charge["id"]!.DeepClone();
        if (!declined)
        {
            var manual = Str(intent, "capture_method") == "manual";
            intent["status"] = manual ? "requires_capture" : "succeeded";
            intent["amount_received"] = manual ? 0 : intent["amount"]!.DeepClone();
            intent["amount_capturable"] = manual ? intent["amount"]!.DeepClone() : 0;
            intent["last_payment_error"] = null;
            sim.NewEvent(events, "charge.succeeded", charge);
            sim.NewEvent(events, manual ? "payment_intent.amount_capturable_updated" : "payment_intent.succeeded", intent);
            return;
        }

        var error = new JsonObject
        {
            ["charge"] = charge["id"]!.DeepClone(),
            ["code"] = "card_declined",
            ["decline_code"] = decline,
            ["doc_url"] = "https://stripe.com/docs/error-codes/card-declined",
            ["message"] = "Your card was declined.",
            ["type"] = "card_error",
        };
        intent["status"] = "requires_payment_method";
        intent["last_payment_error"] = error.DeepClone();
        sim.NewEvent(events, "charge.failed", charge);
        sim.NewEvent(events, "payment_intent.payment_failed", intent);
        // Stripe answers a declined confirmation 402 with the error, the intent attached.
        throw new StripeError(402, "card_error", "Your card was declined.", "card_declined", null,
            new JsonObject { ["decline_code"] = decline, ["charge"] = charge["id"]!.DeepClone(), ["payment_intent"] = intent.DeepClone() });
    }

    private static JsonObject WithoutSecrets(JsonObject list)
    {
        foreach (var item in list["data"]!.AsArray())
        {
            item!.AsObject().Remove("secret");
        }

        return list;
    }

    private static string? CheckEmail(JsonObject p)
    {
        var email = Str(p, "email");
        if (email is { Length: > 0 } && (!email.Contains('@', StringComparison.Ordinal) || email.Length > 512))
        {
            throw StripeError.Invalid("email", $"Invalid email address: {email}", "email_invalid");
        }

        return email is { Length: 0 } ? null : email;
    }

    private static string CheckCurrency(string currency)
    {
        var lower = currency.ToLowerInvariant();
        return lower.Length == 3 && lower.All(char.IsAsciiLetterLower)
            ? lower
            : throw StripeError.Invalid("currency", $"Invalid currency: {currency}. Stripe currently supports these currencies: usd, eur, gbp, jpy, …");
    }

    private static JsonObject? AddressFrom(JsonObject p, JsonObject? existing)
    {
        if (p["address"] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0)
        {
            return null;
        }

        if (Obj(p, "address") is not { } given)
        {
            return existing;
        }

        Allow(given, "city", "country", "line1", "line2", "postal_code", "state");
        var address = existing?.DeepClone().AsObject() ?? StripeObjects.Address(null, null, null, null, null, null);
        foreach (var (key, value) in given)
        {
            address[key] = value?.GetValue<string>() is { Length: > 0 } text ? text : null;
        }

        return address;
    }

    private static JsonObject MetadataFrom(JsonObject p, JsonObject? existing)
    {
        var metadata = existing?.DeepClone().AsObject() ?? [];
        if (Obj(p, "metadata") is { } given)
        {
            foreach (var (key, value) in given)
            {
                if (value?.GetValue<string>() is { Length: > 0 } text)
                {
                    metadata[key] = text;
                }
                else
                {
                    metadata.Remove(key);
                }
            }
        }

        if (metadata.Count > 50)
        {
            throw StripeError.Invalid("metadata", "Invalid metadata: metadata can have at most 50 keys.");
        }

        return metadata;
    }

    private static bool TryReadPage(string page, out int offset)
    {
        offset = 0;
        if (!page.StartsWith("page_", StringComparison.Ordinal))
        {
            return false;
        }

        var text = page[5..];
        var buffer = new byte[8];
        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        if (!Convert.TryFromBase64String(text, buffer, out var written) || written != 4)
        {
            return false;
        }

        offset = BitConverter.ToInt32(buffer, 0);
        return offset >= 0;
    }

    private static string ToMoney(long minor) => "$" + (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}

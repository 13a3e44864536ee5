using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Shopify;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Connectors.Schema;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Registry;
using Fastn.Sandbox.Vendors.HubSpot;
using Fastn.Sandbox.Vendors.Shopify;
using Microsoft.Extensions.DependencyInjection;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;
using StripeWebhooks = Fastn.Connectors.BuiltIn.Stripe.StripeWebhooks;

namespace Fastn.Connectors.BuiltIn.Tests.CrossApp;

/// <summary>
/// Data crossing apps through the SDK's CDM mappings, against the simulations on a running server:
/// a signed Shopify <c>customers/create</c> webhook becomes a HubSpot and a Salesforce contact; a Stripe
/// <c>payment_intent.succeeded</c> payload becomes a Slack message. (The event-driven version comes with flows.)
/// </summary>
public sealed class CrossAppMappingTests(FastnTestServerFixture fixture) : IClassFixture<FastnTestServerFixture>
{
    private static readonly string ShopifyCustomer = """
        {"id":7064055069303,"email":"ada.lovelace@analytical.example","accepts_marketing":false,"created_at":"2024-10-01T12:00:00-04:00",
         "updated_at":"2024-10-01T12:00:00-04:00","first_name":"Ada","last_name":"Lovelace","orders_count":0,"state":"enabled",
         "total_spent":"0.00","verified_email":true,"tax_exempt":false,"phone":"+442071234567","tags":"vip, newsletter","currency":"GBP",
         "default_address":{"id":1,"customer_id":7064055069303,"first_name":"Ada","last_name":"Lovelace","company":"Analytical Engines Ltd",
           "address1":"12 St James's Square","city":"London","province":"England","country":"United Kingdom","zip":"SW1Y 4JH",
           "phone":"+442071234567","country_code":"GB","default":true},
         "addresses":[{"id":1,"customer_id":7064055069303,"first_name":"Ada","last_name":"Lovelace","company":"Analytical Engines Ltd",
           "address1":"12 St James's Square","city":"London","province":"England","country":"United Kingdom","zip":"SW1Y 4JH",
           "phone":"+442071234567","country_code":"GB","default":true}]}
        """;

    private FastnTestServer Server => fixture.Server;

    [Fact]
    public async Task ShopifyCustomerWebhook_VerifiedAndMappedToCdm_BecomesHubSpotAndSalesforceContacts()
    {
        var ct = TestContext.Current.CancellationToken;
        var registry = Server.Services.GetRequiredService<ConnectorRegistry>();
        var shopify = registry.Find("shopify").ShouldNotBeNull().Definition;
        var hubspot = registry.Find("hubspot").ShouldNotBeNull().Definition;
        var salesforce = registry.Find("salesforce").ShouldNotBeNull().Definition;

        // 1. A delivery exactly as Shopify sends it, signed with the app's secret.
        var body = Encoding.UTF8.GetBytes(ShopifyCustomer);
        var delivery = new WebhookRequest(body, new Dictionary<string, string>
        {
            ["X-Shopify-Hmac-Sha256"] = ShopifyWebhooks.Sign(ShopifySandboxApp.SandboxClientSecret, body),
            ["X-Shopify-Topic"] = "customers/create",
            ["X-Shopify-Webhook-Id"] = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
            ["X-Shopify-Shop-Domain"] = "fastn-sandbox.myshopify.com",
        });
        var trigger = shopify.Triggers.OfType<WebhookTriggerDefinition>().First(t => t.Accepts("customers/create"));
        var verification = trigger.Verify(delivery, new WebhookVerificationContext { SigningSecret = ShopifySandboxApp.SandboxClientSecret });
        verification.IsValid.ShouldBeTrue(verification.Failure);
        var tampered = new WebhookRequest(Encoding.UTF8.GetBytes(ShopifyCustomer.Replace("Ada", "Eve", StringComparison.Ordinal)), delivery.Headers);
        trigger.Verify(tampered, new WebhookVerificationContext { SigningSecret = ShopifySandboxApp.SandboxClientSecret }).IsValid.ShouldBeFalse();
        var payload = trigger.Extract(delivery).ShouldHaveSingleItem().Payload!.AsObject();

        // 2. Shopify customer → CDMContact, valid against the catalog's schema.
        var contact = shopify.FindEntity("customer").ShouldNotBeNull().ToCdm(payload);
        contact["email"]!.GetValue<string>().ShouldBe("ada.lovelace@analytical.example");
        contact["firstName"]!.GetValue<string>().ShouldBe("Ada");
        contact["lastName"]!.GetValue<string>().ShouldBe("Lovelace");
        SchemaValidator.Validate(CdmCatalog.Contact.ToJsonSchema(), contact).ShouldBeNull();

        // 3. CDMContact → a HubSpot contact, created through the running server against the HubSpot simulation.
        var native = hubspot.FindEntity("contact").ShouldNotBeNull().FromCdm(contact);
        var properties = native["properties"].ShouldNotBeNull().AsObject();
        properties.Remove("hs_object_id");
        var client = Server.CreateClient("cross-app");
        var connection = await Server.CreateConnectionAsync(client, "hubspot",
            new Dictionary<string, string> { ["token"] = HubSpotSandboxApp.SandboxPrivateAppToken }, "private_app");
        var input = new JsonObject();
        foreach (var (key, value) in properties)
        {
            if (value is not null && key is "email" or "firstname" or "lastname" or "company" or "phone" or "address" or "city" or "state" or "zip" or "country")
            {
                input[key] = value.DeepClone();
            }
        }

        var created = (await Server.RunActionAsync(client, connection, "create_contact", input)).ShouldNotBeNull();
        var id = created["id"]!.GetValue<string>();
        var fetched = (await Server.RunActionAsync(client, connection, "get_contact", new { contactId = id })).ShouldNotBeNull();
        fetched["properties"]!["email"]!.GetValue<string>().ShouldBe("ada.lovelace@analytical.example");
        fetched["properties"]!["firstname"]!.GetValue<string>().ShouldBe("Ada");
        fetched["properties"]!["lastname"]!.GetValue<string>().ShouldBe("Lovelace");
        fetched["properties"]!["city"]!.GetValue<string>().ShouldBe("London");
        // And back: the HubSpot record maps to the same CDM contact fields.
        var roundTrip = hubspot.FindEntity("contact")!.ToCdm(fetched.AsObject());
        roundTrip["email"]!.GetValue<string>().ShouldBe(contact["email"]!.GetValue<string>());

        // 4. The same CDMContact → a Salesforce Contact, through the server against the Salesforce simulation.
        var sfNative = salesforce.FindEntity("contact").ShouldNotBeNull().FromCdm(contact);
        var sfInput = new JsonObject();
        foreach (var field in new[] { "FirstName", "LastName", "Email", "Phone", "MailingStreet", "MailingCity", "MailingState", "MailingPostalCode", "MailingCountry" })
        {
            if (sfNative[field] is { } value)
            {
                // Salesforce records are PascalCase; the connector's action inputs are camelCase.
                sfInput[char.ToLowerInvariant(field[0]) + field[1..]] = value.DeepClone();
            }
        }

        var sfConnection = await Server.ConnectOAuthAsync(client, "salesforce", async (browser, url) =>
        {
            var html = await HtmlForms.GetPageAsync(browser, url);
            using var allowed = await HtmlForms.SubmitAsync(browser, url, html, new Dictionary<string, string> { ["decision"] = "allow" });
            return HtmlForms.RedirectLocation(allowed, url);
        });
        var sfCreated = (await Server.RunActionAsync(client, sfConnection, "create_contact", sfInput)).ShouldNotBeNull();
        var sfId = sfCreated["id"]!.GetValue<string>();
        var sfRecord = (await Server.RunActionAsync(client, sfConnection, "get_record", new { sobjectType = "Contact", recordId = sfId })).ShouldNotBeNull();
        sfRecord["Email"]!.GetValue<string>().ShouldBe("ada.lovelace@analytical.example");
        sfRecord["LastName"]!.GetValue<string>().ShouldBe("Lovelace");
        ct.ThrowIfCancellationRequested();
    }

    [Fact]
    public async Task StripePaymentSucceeded_MappedToCdmPayment_BecomesSlackMessage()
    {
        var registry = Server.Services.GetRequiredService<ConnectorRegistry>();
        var stripe = registry.Find("stripe").ShouldNotBeNull().Definition;
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var eventBody = $$"""
            {"id":"evt_3Q1xCrossApp","object":"event","api_version":"2022-11-15","created":{{created}},"livemode":false,"pending_webhooks":1,
             "type":"payment_intent.succeeded","request":{"id":null,"idempotency_key":null},
             "data":{"object":{"id":"pi_3Q1xCrossApp","object":"payment_intent","amount":12550,"amount_received":12550,"currency":"usd",
               "customer":"cus_CrossApp","description":"Order #1001","status":"succeeded","created":{{created}},"livemode":false,
               "metadata":{"order":"1001"},"payment_method_types":["card"] } } }
            """;
        var delivery = new WebhookRequest(Encoding.UTF8.GetBytes(eventBody), new Dictionary<string, string>
        {
            ["Stripe-Signature"] = StripeWebhooks.SignatureHeaderValue("whsec_crossapp", DateTimeOffset.UtcNow, eventBody),
        });
        var trigger = stripe.Triggers.OfType<WebhookTriggerDefinition>().Single();
        trigger.Verify(delivery, new WebhookVerificationContext { SigningSecret = "whsec_crossapp" }).IsValid.ShouldBeTrue();
        var stripeEvent = trigger.Extract(delivery).ShouldHaveSingleItem();
        stripeEvent.Type.ShouldBe("payment_intent.succeeded");

        var payment = stripe.FindEntity("payment_intent").ShouldNotBeNull().ToCdm(stripeEvent.Payload!.AsObject());
        SchemaValidator.Validate(CdmCatalog.Payment.ToJsonSchema(), payment).ShouldBeNull();
        var amount = payment["amount"]!.GetValue<decimal>();
        amount.ShouldBe(125.50m);
        var text = string.Create(CultureInfo.InvariantCulture,
            $":moneybag: Payment {payment["id"]} of {amount:0.00} {payment["currency"]!.GetValue<string>().ToUpperInvariant()} succeeded ({payment["description"]})");

        var client = Server.CreateClient("cross-app-slack");
        var connection = await Server.ConnectOAuthAsync(client, "slack", async (browser, authorizationUrl) =>
        {
            var consent = await HtmlForms.GetPageAsync(browser, authorizationUrl);
            using var redirect = await HtmlForms.SubmitAsync(browser, authorizationUrl, consent, new Dictionary<string, string> { ["decision"] = "allow" });
            return HtmlForms.RedirectLocation(redirect, authorizationUrl);
        });
        var channel = (await Server.RunActionAsync(client, connection, "create_channel", new { name = "payments-cross-app" }))!["id"]!.GetValue<string>();
        var sent = (await Server.RunActionAsync(client, connection, "send_message", new { channel, text })).ShouldNotBeNull();

        sent["ts"].ShouldNotBeNull();
        var history = (await Server.RunActionAsync(client, connection, "get_channel_history", new { channel, limit = 5 })).ShouldNotBeNull();
        history["messages"]!.AsArray().Select(m => m!["text"]!.GetValue<string>()).ShouldContain(text);
    }
}

using System.Text;
using Fastn.Connectors.BuiltIn.Shopify;
using Fastn.Connectors.Triggers;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.Shopify;

public sealed class ShopifyWebhookTests
{
    private const string Secret = "shpss_0123456789abcdef0123456789abcdef";
    private const string WebhookId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043";
    private const string Body = """{"id":820982911946154508,"email":"jon@example.com","name":"#9999","financial_status":"paid","total_price":"403.00"}""";

    [Fact]
    public void Verify_ValidSignature_Accepts()
    {
        var result = ShopifyWebhooks.Verify(Signed(Body, Secret), Context(Secret));

        result.IsValid.ShouldBeTrue(result.Failure);
    }

    [Fact]
    public void Verify_KnownShopifySample_Accepts()
    {
        // Shopify's signature is base64 HMAC-SHA256 of the raw body: this is the value for Body and Secret computed independently.
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(Body)));

        ShopifyWebhooks.Sign(Secret, Encoding.UTF8.GetBytes(Body)).ShouldBe(expected);
        ShopifyWebhooks.Verify(Request(Body, expected), Context(Secret)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void Verify_TamperedBody_Rejects()
    {
        var signed = Signed(Body, Secret);
        var tampered = new WebhookRequest(Encoding.UTF8.GetBytes(Body.Replace("403.00", "4.00", StringComparison.Ordinal)), signed.Headers);

        var result = ShopifyWebhooks.Verify(tampered, Context(Secret));

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldContain("X-Shopify-Hmac-Sha256");
    }

    [Fact]
    public void Verify_WrongSecret_Rejects() =>
        ShopifyWebhooks.Verify(Signed(Body, Secret), Context("shpss_another")).IsValid.ShouldBeFalse();

    [Fact]
    public void Verify_MissingSignature_Rejects()
    {
        var headers = new Dictionary<string, string> { [ShopifyWebhooks.TopicHeader] = "orders/paid", [ShopifyWebhooks.WebhookIdHeader] = WebhookId };

        ShopifyWebhooks.Verify(new WebhookRequest(Encoding.UTF8.GetBytes(Body), headers), Context(Secret)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Verify_SignatureNotBase64_Rejects() =>
        ShopifyWebhooks.Verify(Request(Body, "not base64 !"), Context(Secret)).IsValid.ShouldBeFalse();

    [Fact]
    public void Verify_DeliveryAnHourOld_StillAcceptsBecauseShopifySignsNoTimestamp()
    {
        // A "stale" delivery: the clock is an hour past X-Shopify-Triggered-At. Shopify's HMAC covers only the body, so the
        // verifier cannot and does not judge age; duplicates are caught by X-Shopify-Webhook-Id (the event id).
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 13, 0, 0, TimeSpan.Zero));
        var result = ShopifyWebhooks.Verify(Signed(Body, Secret), new WebhookVerificationContext { SigningSecret = Secret, Time = time });

        result.IsValid.ShouldBeTrue(result.Failure);
    }

    [Fact]
    public void Extract_Delivery_UsesWebhookIdTopicAndTriggeredAt()
    {
        var events = ShopifyWebhooks.Extract(Signed(Body, Secret));

        var evt = events.ShouldHaveSingleItem();
        evt.Id.ShouldBe(WebhookId);
        evt.Type.ShouldBe("orders/paid");
        evt.OccurredAt.ShouldBe(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        evt.Payload!["name"]!.GetValue<string>().ShouldBe("#9999");
    }

    public static TheoryData<string> HeaderSets() => ["X-Shopify", "shopify", "both"];

    [Theory]
    [MemberData(nameof(HeaderSets))]
    public void Verify_EitherHeaderSetWithRealHmac_AcceptsAndRejectsTampering(string set)
    {
        // The HMAC computed here, independently of the connector's Sign.
        var hmac = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(Body)));
        var request = new WebhookRequest(Encoding.UTF8.GetBytes(Body), Headers(set, hmac));
        var tampered = new WebhookRequest(Encoding.UTF8.GetBytes(Body.Replace("403.00", "4.00", StringComparison.Ordinal)), Headers(set, hmac));

        var valid = ShopifyWebhooks.Verify(request, Context(Secret));
        var invalid = ShopifyWebhooks.Verify(tampered, Context(Secret));

        valid.IsValid.ShouldBeTrue(valid.Failure);
        invalid.IsValid.ShouldBeFalse();
    }

    [Theory]
    [MemberData(nameof(HeaderSets))]
    public void Extract_EitherHeaderSet_ReadsIdTopicAndTriggeredAt(string set)
    {
        var hmac = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(Body)));

        var evt = ShopifyWebhooks.Extract(new WebhookRequest(Encoding.UTF8.GetBytes(Body), Headers(set, hmac))).ShouldHaveSingleItem();

        // An events delivery is identified by its event id, as Shopify's library reads it; a classic one by its webhook id.
        evt.Id.ShouldBe(set == "X-Shopify" ? WebhookId : EventId);
        evt.Type.ShouldBe("orders/paid");
        evt.OccurredAt.ShouldBe(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
        evt.Payload!["name"]!.GetValue<string>().ShouldBe("#9999");
    }

    [Fact]
    public void Verify_UnprefixedSetWithoutEventId_Rejects()
    {
        var hmac = ShopifyWebhooks.Sign(Secret, Encoding.UTF8.GetBytes(Body));
        var headers = Headers("shopify", hmac);
        headers.Remove("shopify-event-id");

        var result = ShopifyWebhooks.Verify(new WebhookRequest(Encoding.UTF8.GetBytes(Body), headers), Context(Secret));

        result.IsValid.ShouldBeFalse();
        result.Failure.ShouldNotBeNull().ShouldContain("shopify-event-id");
    }

    [Fact]
    public void Verify_UnprefixedSignatureWrongEvenWithRightPrefixedOne_Rejects()
    {
        // With both sets present the un-prefixed one decides, so a bad shopify-hmac-sha256 is not rescued by X-Shopify-Hmac-Sha256.
        var headers = Headers("both", ShopifyWebhooks.Sign(Secret, Encoding.UTF8.GetBytes(Body)));
        headers["shopify-hmac-sha256"] = ShopifyWebhooks.Sign("shpss_another", Encoding.UTF8.GetBytes(Body));

        ShopifyWebhooks.Verify(new WebhookRequest(Encoding.UTF8.GetBytes(Body), headers), Context(Secret)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public void Triggers_FireOnTheirTopicsOnly()
    {
        var order = ShopifyConnector.Definition.Triggers.OfType<WebhookTriggerDefinition>().Single(t => t.Name == "order_event");

        order.Accepts("orders/paid").ShouldBeTrue();
        order.Accepts("customers/create").ShouldBeFalse();
        order.Subscribe.ShouldNotBeNull();
        order.Unsubscribe.ShouldNotBeNull();
    }

    private static WebhookRequest Signed(string body, string secret) => Request(body, ShopifyWebhooks.Sign(secret, Encoding.UTF8.GetBytes(body)));

    private static WebhookRequest Request(string body, string signature) => new(Encoding.UTF8.GetBytes(body), new Dictionary<string, string>
    {
        [ShopifyWebhooks.HmacHeader] = signature,
        [ShopifyWebhooks.TopicHeader] = "orders/paid",
        [ShopifyWebhooks.WebhookIdHeader] = WebhookId,
        [ShopifyWebhooks.ShopDomainHeader] = "my-store.myshopify.com",
        [ShopifyWebhooks.TriggeredAtHeader] = "2025-06-01T12:00:00.000000000Z",
    }, "POST", "https://fastn.example/webhooks/shopify/conn_01");

    private const string EventId = "7a3e8d0c-6f1b-4c2a-9e5d-3b8f1a2c4d6e";

    // The classic X-Shopify-* set, the un-prefixed set of Shopify's events deliveries, or both (as events deliveries send them).
    private static Dictionary<string, string> Headers(string set, string hmac)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (set is "X-Shopify" or "both")
        {
            headers[ShopifyWebhooks.HmacHeader] = hmac;
            headers[ShopifyWebhooks.TopicHeader] = "orders/paid";
            headers[ShopifyWebhooks.WebhookIdHeader] = WebhookId;
            headers[ShopifyWebhooks.ShopDomainHeader] = "my-store.myshopify.com";
            headers[ShopifyWebhooks.TriggeredAtHeader] = "2025-06-01T12:00:00.000000000Z";
        }

        if (set is "shopify" or "both")
        {
            headers["shopify-hmac-sha256"] = hmac;
            headers["shopify-topic"] = "orders/paid";
            headers["shopify-event-id"] = EventId;
            headers["shopify-shop-domain"] = "my-store.myshopify.com";
            headers["shopify-api-version"] = "2025-01";
            headers["shopify-triggered-at"] = "2025-06-01T12:00:00.000000000Z";
        }

        return headers;
    }

    private static WebhookVerificationContext Context(string secret) =>
        new() { SigningSecret = secret, Time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero)) };
}

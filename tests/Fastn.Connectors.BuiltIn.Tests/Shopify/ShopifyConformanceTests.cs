using System.Text;
using Fastn.Connectors.BuiltIn.Shopify;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Tests.Shopify;

public sealed class ShopifyConformanceTests : ConnectorConformanceTests
{
    protected override ConnectorDefinition Definition => ShopifyConnector.Definition;

    /// <summary>Shopify signs the body only; replays are recognised by X-Shopify-Webhook-Id, not by a timestamp.</summary>
    protected override IReadOnlyCollection<string> TriggersWithoutTimestamp => ["customer_event", "order_event", "inventory_level_event", "product_event"];

    protected override WebhookSample? CreateSignedWebhook(WebhookTriggerDefinition trigger, string secret, DateTimeOffset timestamp)
    {
        var (topic, body) = trigger.Name switch
        {
            "customer_event" => ("customers/create", """{"id":706405506930370084,"email":"bob@biller.com","first_name":"Bob","last_name":"Biller","tags":"","addresses":[]}"""),
            "order_event" => ("orders/paid", """{"id":820982911946154508,"email":"jon@example.com","name":"#9999","financial_status":"paid","total_price":"403.00","line_items":[]}"""),
            "inventory_level_event" => ("inventory_levels/update", """{"inventory_item_id":271878346596884015,"location_id":24826418,"available":6,"updated_at":"2024-10-01T12:00:00-04:00"}"""),
            _ => ("products/update", """{"id":788032119674292922,"title":"Example T-Shirt","status":"active","variants":[]}"""),
        };
        var headers = new Dictionary<string, string>
        {
            [ShopifyWebhooks.HmacHeader] = ShopifyWebhooks.Sign(secret, Encoding.UTF8.GetBytes(body)),
            [ShopifyWebhooks.TopicHeader] = topic,
            [ShopifyWebhooks.WebhookIdHeader] = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
            [ShopifyWebhooks.ShopDomainHeader] = "my-store.myshopify.com",
            ["X-Shopify-API-Version"] = "2024-10",
            [ShopifyWebhooks.TriggeredAtHeader] = timestamp.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        return WebhookSample.Create(body, headers) with { ExpectedEventId = "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", ExpectedEventType = topic };
    }
}

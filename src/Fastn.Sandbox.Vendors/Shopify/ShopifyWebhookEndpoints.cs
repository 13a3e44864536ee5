using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.Shopify;

/// <summary>
/// The test hook that makes Shopify deliver a webhook: <c>POST /_sandbox/webhooks/send</c> with
/// <c>{shop, topic, targetUrl?, resourceId?}</c> posts the resource (a customer, order, product or inventory level, as Shopify
/// sends it) to <c>targetUrl</c>, or to every webhook of the shop subscribed to the topic, with <c>X-Shopify-Topic</c>,
/// <c>X-Shopify-Hmac-Sha256</c> (base64 HMAC-SHA256 of the body with the client secret), <c>X-Shopify-Shop-Domain</c>,
/// <c>X-Shopify-API-Version</c>, <c>X-Shopify-Webhook-Id</c>, <c>X-Shopify-Event-Id</c> and <c>X-Shopify-Triggered-At</c>.
/// </summary>
internal static class ShopifyWebhookEndpoints
{
    /// <summary>The topics the simulation can deliver and subscribe to.</summary>
    public static IReadOnlySet<string> Topics { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "customers/create", "customers/update", "customers/delete", "customers/enable", "customers/disable",
        "orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled", "orders/partially_fulfilled", "orders/delete",
        "products/create", "products/update", "products/delete",
        "inventory_levels/update", "inventory_levels/connect", "inventory_levels/disconnect",
        "app/uninstalled",
    };

    public static void MapShopifyWebhookControl(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/_sandbox/webhooks/send", SendAsync);

    /// <summary>The signature Shopify puts in <c>X-Shopify-Hmac-Sha256</c>.</summary>
    public static string Sign(string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(ShopifySandboxApp.SandboxClientSecret), Encoding.UTF8.GetBytes(body)));

    private static async Task<IResult> SendAsync(HttpContext context, ShopifyStore store, IHttpClientFactory httpClientFactory)
    {
        JsonObject? request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }

        var shopName = request?["shop"]?.ToString() ?? "fastn-sandbox";
        var topic = request?["topic"]?.ToString();
        if (topic is null || !Topics.Contains(topic) || !ShopifyAdminEndpoints.ShopPattern().IsMatch(shopName))
        {
            return Results.BadRequest(new { message = "Send {shop, topic, targetUrl?, resourceId?}; topic is one of " + string.Join(", ", Topics.Order(StringComparer.Ordinal)) + "." });
        }

        var shop = store.Shop(shopName);
        long? resourceId = request!["resourceId"] is JsonValue r && r.TryGetValue<long>(out var rid) ? rid : null;
        string body;
        List<string> targets;
        lock (shop.Lock)
        {
            var resource = Resource(shop, topic, resourceId);
            if (resource is null)
            {
                return Results.NotFound(new { message = $"No resource {resourceId} for {topic}." });
            }

            body = resource.ToJsonString();
            targets = request["targetUrl"]?.ToString() is { } target
                ? [target]
                : [.. shop.Webhooks.Where(w => ShopifyShopData.Str(w["topic"]) == topic).Select(w => ShopifyShopData.Str(w["address"])!)];
        }

        var results = new JsonArray();
        using var client = httpClientFactory.CreateClient();
        foreach (var target in targets)
        {
            if (!Uri.TryCreate(target, UriKind.Absolute, out _))
            {
                return Results.BadRequest(new { message = $"targetUrl '{target}' is not an absolute URL." });
            }

            var webhookId = Guid.NewGuid().ToString();
            using var message = new HttpRequestMessage(HttpMethod.Post, target) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            message.Headers.TryAddWithoutValidation("X-Shopify-Topic", topic);
            message.Headers.TryAddWithoutValidation("X-Shopify-Hmac-Sha256", Sign(body));
            message.Headers.TryAddWithoutValidation("X-Shopify-Shop-Domain", shop.Domain);
            message.Headers.TryAddWithoutValidation("X-Shopify-API-Version", "2024-10");
            message.Headers.TryAddWithoutValidation("X-Shopify-Webhook-Id", webhookId);
            message.Headers.TryAddWithoutValidation("X-Shopify-Event-Id", Guid.NewGuid().ToString());
            message.Headers.TryAddWithoutValidation("X-Shopify-Triggered-At", store.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            message.Headers.UserAgent.ParseAdd("Shopify-Captain-Hook");
            try
            {
                using var response = await client.SendAsync(message, context.RequestAborted);
                results.Add(new JsonObject { ["targetUrl"] = target, ["status"] = (int)response.StatusCode, ["webhookId"] = webhookId });
            }
            catch (HttpRequestException ex)
            {
                results.Add(new JsonObject { ["targetUrl"] = target, ["status"] = 0, ["webhookId"] = webhookId, ["error"] = ex.Message });
            }
        }

        return ShopifyAdminEndpoints.Json(new JsonObject { ["topic"] = topic, ["body"] = body, ["deliveries"] = results });
    }

    private static JsonObject? Resource(ShopifyShopData shop, string topic, long? id)
    {
        var kind = topic[..topic.IndexOf('/', StringComparison.Ordinal)];
        return kind switch
        {
            "customers" => Pick(shop.Customers, id),
            "orders" => Pick(shop.Orders, id),
            "products" => Pick(shop.Products, id),
            "inventory_levels" => (id is { } item ? shop.InventoryLevels.FirstOrDefault(l => l["inventory_item_id"]!.GetValue<long>() == item) : shop.InventoryLevels.FirstOrDefault())?.DeepClone().AsObject(),
            _ => shop.ShopJson(),
        };
    }

    private static JsonObject? Pick(List<JsonObject> records, long? id) =>
        (id is { } x ? records.FirstOrDefault(r => ShopifyShopData.Id(r) == x) : records.FirstOrDefault())?.DeepClone().AsObject();
}

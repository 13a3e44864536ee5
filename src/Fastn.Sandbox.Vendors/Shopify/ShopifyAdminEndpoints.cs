using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.Shopify;

/// <summary>
/// The Admin REST API under <c>/{shop}/admin/api/{version}</c>: <c>X-Shopify-Access-Token</c> of that shop with the endpoint's
/// scope, the leaky bucket (40 calls, 2 a second; <c>X-Shopify-Shop-Api-Call-Limit</c>; 429 with <c>Retry-After: 2.0</c>), and
/// Shopify's <c>{"errors": …}</c> bodies: a string (401, 403, 404, 429), an object of field → messages (422).
/// </summary>
internal static partial class ShopifyAdminEndpoints
{
    public static void MapShopifyAdmin(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/{shop}/admin/api/{version}");
        api.MapGet("/shop.json", (HttpContext c, ShopifyStore s, string shop, string version) => Guard(c, s, shop, version, null, d => Json(new JsonObject { ["shop"] = d.ShopJson() })));
        api.MapGet("/customers.json", (HttpContext c, ShopifyStore s, string shop, string version) => Guard(c, s, shop, version, "read_customers", d => ListCustomers(c, d)));
        api.MapGet("/customers/search.json", (HttpContext c, ShopifyStore s, string shop, string version) => Guard(c, s, shop, version, "read_customers", d => SearchCustomers(c, d)));
        api.MapGet("/customers/{file}", (HttpContext c, ShopifyStore s, string shop, string version, string file) => Guard(c, s, shop, version, "read_customers", d => One(d, file, "customer", d.Customer)));
        api.MapPost("/customers.json", (HttpContext c, ShopifyStore s, string shop, string version) => GuardAsync(c, s, shop, version, "write_customers", d => CreateCustomerAsync(c, d)));
        api.MapGet("/orders.json", (HttpContext c, ShopifyStore s, string shop, string version) => Guard(c, s, shop, version, "read_orders", d => ListOrders(c, d)));
        api.MapGet("/orders/{file}", (HttpContext c, ShopifyStore s, string shop, string version, string file) => Guard(c, s, shop, version, "read_orders", d => One(d, file, "order", d.Order)));
        api.MapPost("/orders.json", (HttpContext c, ShopifyStore s, string shop, string version) => GuardAsync(c, s, shop, version, "write_orders", d => CreateOrderAsync(c, d)));
        api.MapGet("/products.json", (HttpContext c, ShopifyStore s, string shop, string version) => Guard(c, s, shop, version, "read_products", d => ListProducts(c, d)));
        api.MapGet("/locations.json", (HttpContext c, ShopifyStore s, string shop, string version) => Guard(c, s, shop, version, "read_inventory", d =>
        {
            lock (d.Lock)
            {
                return Json(new JsonObject { ["locations"] = new JsonArray([.. d.Locations.Select(l => l.DeepClone())]) });
            }
        }));
        api.MapGet("/inventory_levels.json", (HttpContext c, ShopifyStore s, string shop, string version) => Guard(c, s, shop, version, "read_inventory", d => ListLevels(c, d)));
        api.MapPost("/inventory_levels/adjust.json", (HttpContext c, ShopifyStore s, string shop, string version) => GuardAsync(c, s, shop, version, "write_inventory", d => AdjustAsync(c, d)));
        api.MapGet("/webhooks.json", (HttpContext c, ShopifyStore s, string shop, string version) => Guard(c, s, shop, version, null, d =>
        {
            lock (d.Lock)
            {
                return Json(new JsonObject { ["webhooks"] = new JsonArray([.. d.Webhooks.Select(w => w.DeepClone())]) });
            }
        }));
        api.MapPost("/webhooks.json", (HttpContext c, ShopifyStore s, string shop, string version) => GuardAsync(c, s, shop, version, null, d => CreateWebhookAsync(c, d, version)));
        api.MapDelete("/webhooks/{file}", (HttpContext c, ShopifyStore s, string shop, string version, string file) => Guard(c, s, shop, version, null, d =>
        {
            lock (d.Lock)
            {
                var id = FileId(file);
                var removed = d.Webhooks.RemoveAll(w => ShopifyShopData.Id(w) == id);
                return removed == 0 ? NotFound() : Json(new JsonObject());
            }
        }));
    }

    public static IResult Json(JsonNode body, int status = 200) => Results.Text(body.ToJsonString(), "application/json; charset=utf-8", statusCode: status);

    public static IResult Errors(int status, JsonNode errors) => Json(new JsonObject { ["errors"] = errors }, status);

    public static IResult NotFound() => Errors(404, "Not Found");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,59}$")]
    public static partial Regex ShopPattern();

    private static IResult Guard(HttpContext context, ShopifyStore store, string shop, string version, string? scope, Func<ShopifyShopData, IResult> handler) =>
        Check(context, store, shop, version, scope) ?? handler(store.Shop(shop));

    private static async Task<IResult> GuardAsync(HttpContext context, ShopifyStore store, string shop, string version, string? scope, Func<ShopifyShopData, Task<IResult>> handler) =>
        Check(context, store, shop, version, scope) ?? await handler(store.Shop(shop));

    private static IResult? Check(HttpContext context, ShopifyStore store, string shop, string version, string? scope)
    {
        context.Response.Headers["X-Request-Id"] = Guid.NewGuid().ToString();
        if (!ShopPattern().IsMatch(shop))
        {
            return Errors(404, "Not Found");
        }

        if (!VersionPattern().IsMatch(version))
        {
            return NotFound();
        }

        context.Response.Headers["X-Shopify-API-Version"] = version;
        var token = context.Request.Headers["X-Shopify-Access-Token"].ToString();
        if (token.Length == 0 || store.Find(token) is not { } grant || !string.Equals(grant.Shop, shop, StringComparison.OrdinalIgnoreCase))
        {
            return Errors(401, "[API] Invalid API key or access token (unrecognized login or wrong password)");
        }

        if (scope is not null && !grant.Allows(scope))
        {
            return Errors(403, $"[API] This action requires merchant approval for {scope} scope.");
        }

        var level = store.Count(token);
        if (level < 0)
        {
            context.Response.Headers.RetryAfter = "2.0";
            context.Response.Headers["X-Shopify-Shop-Api-Call-Limit"] = $"{ShopifyStore.BucketSize}/{ShopifyStore.BucketSize}";
            return Errors(429, "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.");
        }

        context.Response.Headers["X-Shopify-Shop-Api-Call-Limit"] = $"{level}/{ShopifyStore.BucketSize}";
        return null;
    }

    private static IResult One(ShopifyShopData shop, string file, string key, Func<long, JsonObject?> find)
    {
        lock (shop.Lock)
        {
            return FileId(file) is { } id && find(id) is { } found ? Json(new JsonObject { [key] = found.DeepClone() }) : NotFound();
        }
    }

    private static long? FileId(string file) =>
        file.EndsWith(".json", StringComparison.Ordinal) && long.TryParse(file[..^5], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static IResult ListCustomers(HttpContext context, ShopifyShopData shop) =>
        ShopifyPaging.Page(context, shop, "customers", f => [.. shop.Customers.Where(c => Since(c, "created_at", f) && Since(c, "updated_at", f) && InIds(c, f))]);

    private static IResult SearchCustomers(HttpContext context, ShopifyShopData shop) => ShopifyPaging.Page(context, shop, "customers", f =>
    {
        var terms = (f.GetValueOrDefault("query") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IEnumerable<JsonObject> found = shop.Customers.Where(c => terms.All(t => Matches(c, t)));
        var order = (f.GetValueOrDefault("order") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (order.Length > 0 && order[0] is "created_at" or "updated_at" or "id" or "orders_count")
        {
            var field = order[0];
            found = order.Length > 1 && order[1].Equals("desc", StringComparison.OrdinalIgnoreCase)
                ? found.OrderByDescending(c => c[field]!.ToString(), StringComparer.Ordinal)
                : found.OrderBy(c => c[field]!.ToString(), StringComparer.Ordinal);
        }

        return [.. found];
    });

    private static bool Matches(JsonObject customer, string term)
    {
        var colon = term.IndexOf(':', StringComparison.Ordinal);
        var value = (colon < 0 ? term : term[(colon + 1)..]).Trim('"').ToLowerInvariant();
        string?[] Values(params string[] keys) => [.. keys.Select(k => ShopifyShopData.Str(customer[k])?.ToLowerInvariant())];
        var address = customer["default_address"] as JsonObject;
        if (colon < 0)
        {
            return Values("first_name", "last_name", "email", "phone").Any(v => v is not null && v.Contains(value, StringComparison.Ordinal))
                || (ShopifyShopData.Str(address?["company"])?.Contains(value, StringComparison.OrdinalIgnoreCase) ?? false);
        }

        return term[..colon].ToLowerInvariant() switch
        {
            "email" => Values("email")[0] == value,
            "first_name" => Values("first_name")[0] == value,
            "last_name" => Values("last_name")[0] == value,
            "phone" => Values("phone")[0] == value,
            "state" => Values("state")[0] == value,
            "id" => Values("id")[0] == value,
            "tag" => (ShopifyShopData.Str(customer["tags"]) ?? "").Split(',', StringSplitOptions.TrimEntries).Any(t => t.Equals(value, StringComparison.OrdinalIgnoreCase)),
            "country" => new[] { ShopifyShopData.Str(address?["country"]), ShopifyShopData.Str(address?["country_code"]) }.Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase)),
            "city" => string.Equals(ShopifyShopData.Str(address?["city"]), value, StringComparison.OrdinalIgnoreCase),
            _ => false,
        };
    }

    private static IResult ListOrders(HttpContext context, ShopifyShopData shop) => ShopifyPaging.Page(context, shop, "orders", f =>
    {
        var status = f.GetValueOrDefault("status") ?? "open";
        var financial = f.GetValueOrDefault("financial_status") ?? "any";
        var fulfillment = f.GetValueOrDefault("fulfillment_status") ?? "any";
        return [.. shop.Orders.Where(o => Since(o, "created_at", f) && Since(o, "updated_at", f) && InIds(o, f)
            && status switch
            {
                "open" => o["closed_at"] is null && o["cancelled_at"] is null,
                "closed" => o["closed_at"] is not null,
                "cancelled" => o["cancelled_at"] is not null,
                _ => true,
            }
            && (financial == "any" || (financial == "unpaid" ? ShopifyShopData.Str(o["financial_status"]) is "pending" or "authorized" : ShopifyShopData.Str(o["financial_status"]) == financial))
            && fulfillment switch
            {
                "shipped" => ShopifyShopData.Str(o["fulfillment_status"]) == "fulfilled",
                "partial" => ShopifyShopData.Str(o["fulfillment_status"]) == "partial",
                "unshipped" or "unfulfilled" => o["fulfillment_status"] is null,
                _ => true,
            })];
    });

    private static IResult ListProducts(HttpContext context, ShopifyShopData shop) => ShopifyPaging.Page(context, shop, "products", f =>
    {
        var statuses = f.TryGetValue("status", out var s) ? s.Split(',', StringSplitOptions.TrimEntries) : null;
        return [.. shop.Products.Where(p => Since(p, "updated_at", f) && InIds(p, f)
            && (statuses is null || statuses.Contains(ShopifyShopData.Str(p["status"])))
            && (!f.TryGetValue("product_type", out var type) || string.Equals(ShopifyShopData.Str(p["product_type"]), type, StringComparison.OrdinalIgnoreCase))
            && (!f.TryGetValue("vendor", out var vendor) || string.Equals(ShopifyShopData.Str(p["vendor"]), vendor, StringComparison.OrdinalIgnoreCase)))];
    });

    private static IResult ListLevels(HttpContext context, ShopifyShopData shop)
    {
        var query = context.Request.Query;
        if (!query.ContainsKey("page_info") && !query.ContainsKey("inventory_item_ids") && !query.ContainsKey("location_ids"))
        {
            return Errors(422, new JsonObject { ["base"] = new JsonArray("inventory_item_ids or location_ids must be present") });
        }

        return ShopifyPaging.Page(context, shop, "inventory_levels", f =>
        {
            var items = Ids(f.GetValueOrDefault("inventory_item_ids"));
            var locations = Ids(f.GetValueOrDefault("location_ids"));
            return [.. shop.InventoryLevels
                .Where(l => (items is null || items.Contains(l["inventory_item_id"]!.GetValue<long>())) && (locations is null || locations.Contains(l["location_id"]!.GetValue<long>())))
];
        }, LevelKey);
    }

    /// <summary>Levels have no id of their own; the pager anchors on one built from the item and location ids.</summary>
    private static long LevelKey(JsonObject level) => (level["inventory_item_id"]!.GetValue<long>() * 31) ^ level["location_id"]!.GetValue<long>();

    private static async Task<IResult> CreateCustomerAsync(HttpContext context, ShopifyShopData shop)
    {
        if (await ReadRootAsync(context, "customer") is not { } input)
        {
            return Errors(400, new JsonObject { ["customer"] = "Required parameter missing or invalid" });
        }

        var email = ShopifyShopData.Str(input["email"])?.Trim().ToLowerInvariant();
        var phone = ShopifyShopData.Str(input["phone"]);
        if (email is null && phone is null && ShopifyShopData.Str(input["first_name"]) is null && ShopifyShopData.Str(input["last_name"]) is null)
        {
            return Errors(422, new JsonObject { ["customer"] = new JsonArray("Customer must have a name, phone number or email address") });
        }

        if (email is not null && !EmailPattern().IsMatch(email))
        {
            return Errors(422, new JsonObject { ["email"] = new JsonArray("is invalid") });
        }

        if (phone is not null && !PhonePattern().IsMatch(phone))
        {
            return Errors(422, new JsonObject { ["phone"] = new JsonArray("is invalid") });
        }

        lock (shop.Lock)
        {
            if (email is not null && shop.Customers.Any(c => ShopifyShopData.Str(c["email"]) == email))
            {
                return Errors(422, new JsonObject { ["email"] = new JsonArray("has already been taken") });
            }

            if (phone is not null && shop.Customers.Any(c => ShopifyShopData.Str(c["phone"]) == phone))
            {
                return Errors(422, new JsonObject { ["phone"] = new JsonArray("Phone has already been taken") });
            }

            input["email"] = email;
            return Json(new JsonObject { ["customer"] = shop.AddCustomer(input).DeepClone() }, 201);
        }
    }

    private static async Task<IResult> CreateOrderAsync(HttpContext context, ShopifyShopData shop)
    {
        if (await ReadRootAsync(context, "order") is not { } input)
        {
            return Errors(400, new JsonObject { ["order"] = "Required parameter missing or invalid" });
        }

        if (input["line_items"] is not JsonArray { Count: > 0 } lines)
        {
            return Errors(422, new JsonObject { ["line_items"] = new JsonArray("must have at least one line item") });
        }

        lock (shop.Lock)
        {
            var items = new List<JsonObject>();
            var decrement = ShopifyShopData.Str(input["inventory_behaviour"]) is "decrement_ignoring_policy" or "decrement_obeying_policy";
            foreach (var line in lines.OfType<JsonObject>())
            {
                var quantity = line["quantity"] is JsonValue q && q.TryGetValue<int>(out var n) ? n : 0;
                if (quantity < 1)
                {
                    return Errors(422, new JsonObject { ["line_items"] = new JsonArray("quantity must be greater than or equal to 1") });
                }

                if (line["variant_id"] is JsonValue v && v.TryGetValue<long>(out var variantId))
                {
                    if (shop.Variant(variantId) is not { } variant)
                    {
                        return Errors(422, new JsonObject { ["line_items"] = new JsonArray($"variant {variantId} does not exist") });
                    }

                    items.Add(shop.LineItem(variant, shop.ProductOf(variant), null, ShopifyShopData.Str(line["price"]) ?? variant["price"]!.GetValue<string>(), quantity));
                    if (decrement && shop.Level(variant["inventory_item_id"]!.GetValue<long>(), ShopifyShopData.Id(shop.Locations[0])) is { } level)
                    {
                        shop.Adjust(level, -quantity);
                    }
                }
                else if (ShopifyShopData.Str(line["title"]) is { } title
                    && decimal.TryParse(ShopifyShopData.Str(line["price"]), NumberStyles.Number, CultureInfo.InvariantCulture, out var price))
                {
                    items.Add(shop.LineItem(null, null, title, ShopifyShopData.Money(price), quantity));
                }
                else
                {
                    return Errors(422, new JsonObject { ["line_items"] = new JsonArray("must have a variant_id, or a title and a price") });
                }
            }

            JsonObject? customer = null;
            if (input["customer"] is JsonObject c && c["id"] is JsonValue idValue && idValue.TryGetValue<long>(out var customerId))
            {
                customer = shop.Customer(customerId);
                if (customer is null)
                {
                    return Errors(422, new JsonObject { ["customer"] = new JsonArray("not found") });
                }
            }
            else if (ShopifyShopData.Str(input["email"])?.ToLowerInvariant() is { } email)
            {
                customer = shop.Customers.FirstOrDefault(x => ShopifyShopData.Str(x["email"]) == email)
                    ?? shop.AddCustomer(new JsonObject { ["email"] = email, ["first_name"] = ShopifyShopData.Str((input["billing_address"] as JsonObject)?["first_name"]), ["last_name"] = ShopifyShopData.Str((input["billing_address"] as JsonObject)?["last_name"]) });
            }

            if (ShopifyShopData.Str(input["financial_status"]) is { } financial && financial is not ("pending" or "authorized" or "partially_paid" or "paid" or "partially_refunded" or "refunded" or "voided"))
            {
                return Errors(422, new JsonObject { ["financial_status"] = new JsonArray("is not included in the list") });
            }

            return Json(new JsonObject { ["order"] = shop.AddOrder(input, items, customer).DeepClone() }, 201);
        }
    }

    private static async Task<IResult> AdjustAsync(HttpContext context, ShopifyShopData shop)
    {
        var body = await ReadBodyAsync(context);
        if (body is null || body["inventory_item_id"] is not JsonValue i || !i.TryGetValue<long>(out var item)
            || body["location_id"] is not JsonValue l || !l.TryGetValue<long>(out var location)
            || body["available_adjustment"] is not JsonValue a || !a.TryGetValue<int>(out var adjustment))
        {
            return Errors(400, new JsonObject { ["inventory_item_id, location_id, available_adjustment"] = "Required parameter missing or invalid" });
        }

        lock (shop.Lock)
        {
            if (shop.Level(item, location) is not { } level)
            {
                return shop.Locations.Any(x => ShopifyShopData.Id(x) == location)
                    ? Errors(422, new JsonArray("Inventory item does not have inventory tracking enabled"))
                    : NotFound();
            }

            shop.Adjust(level, adjustment);
            return Json(new JsonObject { ["inventory_level"] = level.DeepClone() });
        }
    }

    private static async Task<IResult> CreateWebhookAsync(HttpContext context, ShopifyShopData shop, string version)
    {
        if (await ReadRootAsync(context, "webhook") is not { } input)
        {
            return Errors(400, new JsonObject { ["webhook"] = "Required parameter missing or invalid" });
        }

        var topic = ShopifyShopData.Str(input["topic"]);
        var address = ShopifyShopData.Str(input["address"]);
        if (topic is null || !ShopifyWebhookEndpoints.Topics.Contains(topic))
        {
            return Errors(422, new JsonObject { ["topic"] = new JsonArray("Invalid topic specified. Topics allowed: " + string.Join(", ", ShopifyWebhookEndpoints.Topics.Order(StringComparer.Ordinal))) });
        }

        if (address is null || !Uri.TryCreate(address, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Host is not ("localhost" or "127.0.0.1")))
        {
            return Errors(422, new JsonObject { ["address"] = new JsonArray("is invalid", "protocol http:// is not supported") });
        }

        lock (shop.Lock)
        {
            if (shop.Webhooks.Any(w => ShopifyShopData.Str(w["topic"]) == topic && ShopifyShopData.Str(w["address"]) == address))
            {
                return Errors(422, new JsonObject { ["address"] = new JsonArray("for this topic has already been taken") });
            }

            var now = shop.Now();
            var id = shop.NextId();
            var webhook = new JsonObject
            {
                ["id"] = id,
                ["address"] = address,
                ["topic"] = topic,
                ["created_at"] = now,
                ["updated_at"] = now,
                ["format"] = ShopifyShopData.Str(input["format"]) ?? "json",
                ["fields"] = new JsonArray(),
                ["metafield_namespaces"] = new JsonArray(),
                ["api_version"] = version,
                ["private_metafield_namespaces"] = new JsonArray(),
            };
            shop.Webhooks.Add(webhook);
            return Json(new JsonObject { ["webhook"] = webhook.DeepClone() }, 201);
        }
    }

    private static async Task<JsonObject?> ReadRootAsync(HttpContext context, string key) => (await ReadBodyAsync(context))?[key] as JsonObject;

    private static async Task<JsonObject?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Since(JsonObject record, string field, IReadOnlyDictionary<string, string> filters) =>
        !filters.TryGetValue(field + "_min", out var min)
        || !DateTimeOffset.TryParse(min, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
        || DateTimeOffset.Parse(record[field]!.GetValue<string>(), CultureInfo.InvariantCulture) >= since;

    private static bool InIds(JsonObject record, IReadOnlyDictionary<string, string> filters) =>
        Ids(filters.GetValueOrDefault("ids")) is not { } ids || ids.Contains(ShopifyShopData.Id(record));

    private static HashSet<long>? Ids(string? list) => string.IsNullOrEmpty(list)
        ? null
        : [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => long.TryParse(s, CultureInfo.InvariantCulture, out var n) ? n : -1)];

    [GeneratedRegex("^20[0-9]{2}-(01|04|07|10)$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex("^\\+[1-9][0-9]{6,14}$")]
    private static partial Regex PhonePattern();
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.BuiltIn.Shopify.Models;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Entities;
using Fastn.Connectors.Http;
using Fastn.Connectors.Triggers;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Connectors.BuiltIn.Shopify;

/// <summary>
/// Shopify over the Admin REST API (version 2024-10): OAuth per shop (<c>{shop}.myshopify.com</c>), customers, orders, products and
/// inventory levels; HMAC-signed webhooks; customers, orders, products and inventory levels mapped to the CDM.
/// </summary>
[FastnConnector]
public static class ShopifyConnector
{
    /// <summary>The connector's name.</summary>
    public const string Name = "shopify";

    /// <summary>The Admin API version the connector targets.</summary>
    public const string ApiVersion = "2024-10";

    /// <summary>Shopify's REST API is snake_case.</summary>
    public static JsonSerializerOptions Json { get; } = ConnectorJson.SnakeCase;

    /// <summary>The access scopes requested by default (comma-separated at Shopify).</summary>
    public static IReadOnlyList<string> Scopes { get; } =
        ["read_customers", "write_customers", "read_orders", "write_orders", "read_products", "read_inventory", "write_inventory"];

    // Declared before Definition: static initializers run in text order.
    private static readonly string[] CustomerTopics = ["customers/create", "customers/update", "customers/delete", "customers/enable", "customers/disable"];

    private static readonly string[] OrderTopics = ["orders/create", "orders/updated", "orders/paid", "orders/cancelled", "orders/fulfilled", "orders/partially_fulfilled", "orders/delete"];

    private static readonly string[] InventoryTopics = ["inventory_levels/update", "inventory_levels/connect", "inventory_levels/disconnect"];

    private static readonly string[] ProductTopics = ["products/create", "products/update", "products/delete"];

    /// <summary>The connector against <c>https://{shop}.myshopify.com</c>.</summary>
    public static ConnectorDefinition Definition { get; } = Build("https://{shop}.myshopify.com");

    /// <summary>The connector against the simulation under <paramref name="sandboxBaseUrl"/> (<c>{sandboxBaseUrl}/shopify/{shop}</c>).</summary>
    public static ConnectorDefinition Create(string sandboxBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(sandboxBaseUrl);
        return Build(sandboxBaseUrl.TrimEnd('/') + "/" + Name + "/{shop}");
    }

    private static ConnectorDefinition Build(string shopRoot) => new()
    {
        Name = Name,
        DisplayName = "Shopify",
        Description = "Customers, orders, products and inventory of a Shopify store, with HMAC-signed webhooks.",
        Categories = ["ecommerce"],
        BaseUrl = shopRoot + "/admin/api/" + ApiVersion,
        DocumentationUrl = "https://shopify.dev/docs/api/admin-rest/2024-10",
        JsonOptions = Json,
        Auth = Auth.OneOf(Auth.OAuth2(o =>
        {
            o.Id = "oauth";
            o.Label = "Shopify app (OAuth)";
            o.AuthorizationUrl = shopRoot + "/admin/oauth/authorize";
            o.TokenUrl = shopRoot + "/admin/oauth/access_token";
            o.Scopes = [.. Scopes];
            o.ScopeSeparator = ",";
            // Shopify takes client_id, client_secret and code in the body and has no PKCE; offline tokens never expire.
            o.Pkce = false;
            o.ClientAuthentication = OAuth2ClientAuthentication.RequestBody;
            o.SupportsRefresh = false;
            // Shopify's token answer is just {access_token, scope}; the token goes in its own header.
            o.TokenTypeOptional = true;
            o.TokenHeaderName = "X-Shopify-Access-Token";
            o.TokenScheme = "";
            o.ConnectionParameters =
            [
                CredentialField.Text("shop", "Shop", "The store's myshopify subdomain: my-store for my-store.myshopify.com.", "[a-zA-Z0-9][a-zA-Z0-9-]{0,59}")
                    with { Placeholder = "my-store" },
            ];
        })),
        Capabilities = new ConnectorCapabilities { TestAction = "get_shop", RequestsPerSecond = 2, Burst = 40 },
        Actions =
        {
            Define.Action<ShopifyEmptyInput, ShopifyShop>("get_shop", "Get the connected shop's name, domain, currency and plan.",
                async (_, ctx, ct) => ShopifyApi.Read<ShopifyShop>(ctx, (await ShopifyApi.SendAsync(ctx, HttpMethod.Get, "shop.json", null, ct)).Root, "shop"),
                ActionHints.Read("shop") with { LlmDescription = "Return the Shopify store's name, myshopify domain, currency, time zone and plan. Cheap; use it to check the connection." }, Json),
            Define.Action<ListCustomersInput, ShopifyCustomerPage>("list_customers", "List customers, one page at a time (cursor pagination).",
                async (input, ctx, ct) =>
                {
                    var (root, next, previous) = await ShopifyApi.SendAsync(ctx, HttpMethod.Get, input.PageInfo is { } pageInfo
                        ? ShopifyApi.Query("customers.json", ("limit", ShopifyApi.Limit(input.Limit)), ("page_info", pageInfo))
                        : ShopifyApi.Query("customers.json", ("limit", ShopifyApi.Limit(input.Limit)), ("created_at_min", input.CreatedAtMin), ("updated_at_min", input.UpdatedAtMin)), null, ct);
                    return new ShopifyCustomerPage { Customers = ShopifyApi.Read<List<ShopifyCustomer>>(ctx, root, "customers"), NextPageInfo = next, PreviousPageInfo = previous };
                },
                ActionHints.Read("customers") with { LlmDescription = "List Shopify customers (names, e-mail, phone, tags, addresses, order count). Pass next_page_info back as page_info for the next page." }, Json),
            Define.Action<CustomerIdInput, ShopifyCustomer>("get_customer", "Get one customer by id.",
                async (input, ctx, ct) => ShopifyApi.Read<ShopifyCustomer>(ctx,
                    (await ShopifyApi.SendAsync(ctx, HttpMethod.Get, ctx.Http.Path("customers/{customer_id}.json", input.CustomerId), null, ct)).Root, "customer"),
                ActionHints.Read("customers") with { LlmDescription = "Get a Shopify customer by numeric id. Answers 404 (fastn:upstream) when there is none." }, Json),
            Define.Action<SearchCustomersInput, ShopifyCustomerPage>("search_customers", "Search customers with Shopify's query syntax.",
                async (input, ctx, ct) =>
                {
                    var (root, next, previous) = await ShopifyApi.SendAsync(ctx, HttpMethod.Get, input.PageInfo is { } pageInfo
                        ? ShopifyApi.Query("customers/search.json", ("limit", ShopifyApi.Limit(input.Limit)), ("page_info", pageInfo))
                        : ShopifyApi.Query("customers/search.json", ("query", input.Query), ("limit", ShopifyApi.Limit(input.Limit)), ("order", input.Order)), null, ct);
                    return new ShopifyCustomerPage { Customers = ShopifyApi.Read<List<ShopifyCustomer>>(ctx, root, "customers"), NextPageInfo = next, PreviousPageInfo = previous };
                },
                ActionHints.Read("customers") with { LlmDescription = "Find Shopify customers: query is free text or field:value terms (email:ada@example.com, first_name:Ada, phone:, country:, tag:vip); several terms must all match." }, Json),
            Define.Action<CreateCustomerInput, ShopifyCustomer>("create_customer", "Create a customer.",
                async (input, ctx, ct) => ShopifyApi.Read<ShopifyCustomer>(ctx, (await ShopifyApi.SendAsync(ctx, HttpMethod.Post, "customers.json", new
                {
                    customer = new
                    {
                        input.Email, input.FirstName, input.LastName, input.Phone, Tags = ShopifyApi.Tags(input.Tags), input.Note,
                        input.VerifiedEmail, input.SendEmailInvite, input.Addresses,
                    },
                }, ct)).Root, "customer"),
                ActionHints.Write("customers") with { LlmDescription = "Create a Shopify customer from e-mail, names, phone, tags and addresses. E-mail and phone must be unique in the shop (422 'has already been taken'); search first." }, Json),
            Define.Action<CreateOrderInput, ShopifyOrder>("create_order", "Create an order (e.g. one placed on another channel).",
                async (input, ctx, ct) => ShopifyApi.Read<ShopifyOrder>(ctx, (await ShopifyApi.SendAsync(ctx, HttpMethod.Post, "orders.json", new
                {
                    order = new
                    {
                        input.LineItems, input.Email, Customer = input.CustomerId is { } id ? new { id } : null, input.FinancialStatus, input.Currency,
                        input.BillingAddress, input.ShippingAddress, Tags = ShopifyApi.Tags(input.Tags), input.Note, input.SendReceipt, input.InventoryBehaviour,
                    },
                }, ct)).Root, "order"),
                ActionHints.Write("orders") with { LlmDescription = "Create a Shopify order from line items (variant_id and quantity, or title, price and quantity), buyer e-mail or customer_id, addresses and financial status. Does not charge the buyer." }, Json),
            Define.Action<ListOrdersInput, ShopifyOrderPage>("list_orders", "List orders, one page at a time (cursor pagination).",
                async (input, ctx, ct) =>
                {
                    var (root, next, previous) = await ShopifyApi.SendAsync(ctx, HttpMethod.Get, input.PageInfo is { } pageInfo
                        ? ShopifyApi.Query("orders.json", ("limit", ShopifyApi.Limit(input.Limit)), ("page_info", pageInfo))
                        : ShopifyApi.Query("orders.json", ("limit", ShopifyApi.Limit(input.Limit)), ("status", input.Status), ("financial_status", input.FinancialStatus),
                            ("fulfillment_status", input.FulfillmentStatus), ("created_at_min", input.CreatedAtMin), ("updated_at_min", input.UpdatedAtMin)), null, ct);
                    return new ShopifyOrderPage { Orders = ShopifyApi.Read<List<ShopifyOrder>>(ctx, root, "orders"), NextPageInfo = next, PreviousPageInfo = previous };
                },
                ActionHints.Read("orders") with { LlmDescription = "List Shopify orders (open ones unless status=any/closed/cancelled) with line items, totals and statuses. Pass next_page_info back as page_info." }, Json),
            Define.Action<OrderIdInput, ShopifyOrder>("get_order", "Get one order by id.",
                async (input, ctx, ct) => ShopifyApi.Read<ShopifyOrder>(ctx,
                    (await ShopifyApi.SendAsync(ctx, HttpMethod.Get, ctx.Http.Path("orders/{order_id}.json", input.OrderId), null, ct)).Root, "order"),
                ActionHints.Read("orders") with { LlmDescription = "Get a Shopify order by numeric id (not the #1001 name) with line items, addresses, totals and statuses." }, Json),
            Define.Action<ListProductsInput, ShopifyProductPage>("list_products", "List products with their variants, one page at a time.",
                async (input, ctx, ct) =>
                {
                    var (root, next, previous) = await ShopifyApi.SendAsync(ctx, HttpMethod.Get, input.PageInfo is { } pageInfo
                        ? ShopifyApi.Query("products.json", ("limit", ShopifyApi.Limit(input.Limit)), ("page_info", pageInfo))
                        : ShopifyApi.Query("products.json", ("limit", ShopifyApi.Limit(input.Limit)), ("status", input.Status), ("product_type", input.ProductType),
                            ("vendor", input.Vendor), ("updated_at_min", input.UpdatedAtMin)), null, ct);
                    return new ShopifyProductPage { Products = ShopifyApi.Read<List<ShopifyProduct>>(ctx, root, "products"), NextPageInfo = next, PreviousPageInfo = previous };
                },
                ActionHints.Read("products") with { LlmDescription = "List Shopify products with variants (SKU, price, inventory_item_id, stock). Use a variant's inventory_item_id with the inventory actions." }, Json),
            Define.Action<ListInventoryLevelsInput, ShopifyInventoryLevelPage>("list_inventory_levels", "List the stock of inventory items at locations.",
                async (input, ctx, ct) =>
                {
                    if (input.PageInfo is null && input.InventoryItemIds is not { Count: > 0 } && input.LocationIds is not { Count: > 0 })
                    {
                        throw new ConnectorValidationException("Give inventory_item_ids, location_ids or both: Shopify lists inventory levels only for them.", "$.inventory_item_ids");
                    }

                    var (root, next, previous) = await ShopifyApi.SendAsync(ctx, HttpMethod.Get, input.PageInfo is { } pageInfo
                        ? ShopifyApi.Query("inventory_levels.json", ("limit", ShopifyApi.Limit(input.Limit)), ("page_info", pageInfo))
                        : ShopifyApi.Query("inventory_levels.json", ("inventory_item_ids", input.InventoryItemIds is { Count: > 0 } items ? items : null),
                            ("location_ids", input.LocationIds is { Count: > 0 } locations ? locations : null), ("limit", ShopifyApi.Limit(input.Limit))), null, ct);
                    return new ShopifyInventoryLevelPage { InventoryLevels = ShopifyApi.Read<List<ShopifyInventoryLevel>>(ctx, root, "inventory_levels"), NextPageInfo = next, PreviousPageInfo = previous };
                },
                ActionHints.Read("inventory") with { LlmDescription = "List available stock per inventory item and location. Give inventory_item_ids (from product variants), location_ids, or both." }, Json),
            Define.Action<AdjustInventoryInput, ShopifyInventoryLevel>("adjust_inventory", "Add to or remove from the available stock of an item at a location.",
                async (input, ctx, ct) => ShopifyApi.Read<ShopifyInventoryLevel>(ctx, (await ShopifyApi.SendAsync(ctx, HttpMethod.Post, "inventory_levels/adjust.json",
                    new { input.LocationId, input.InventoryItemId, input.AvailableAdjustment }, ct)).Root, "inventory_level"),
                ActionHints.Write("inventory") with { Destructive = true, LlmDescription = "Change available stock of an inventory item at a location by a relative amount (available_adjustment: +5 receives, -2 removes). Not idempotent: do not repeat on unknown outcome without listing first." }, Json),
        },
        Triggers =
        {
            Webhook("customer_event", "A customer was created, updated, deleted, enabled or disabled.", CustomerTopics),
            Webhook("order_event", "An order was created, updated, paid, cancelled, fulfilled or deleted.", OrderTopics),
            Webhook("inventory_level_event", "Stock of an inventory item at a location changed, or an item was connected to or disconnected from a location.", InventoryTopics),
            Webhook("product_event", "A product was created, updated or deleted.", ProductTopics),
        },
        Entities =
        {
            Define.Entity<ShopifyCustomer>("customer", CdmCatalog.Contact, e => e
                .Native("customer")
                .Id(c => c.Id)
                .UpdatedAt(c => c.UpdatedAt)
                // Shopify refuses filters beside page_info: the next page carries only the cursor and the limit.
                .ListedBy<ListCustomersInput, ShopifyCustomerPage>("list_customers",
                    request => new ListCustomersInput { Limit = request.Limit },
                    page => page.Customers,
                    (input, page) => page.NextPageInfo is { } next ? new ListCustomersInput { Limit = input.Limit, PageInfo = next } : null)
                .Supports(EntityOperations.Get, "get_customer")
                .CreatedBy<CreateCustomerInput, ShopifyCustomer>("create_customer", c => new CreateCustomerInput
                {
                    Email = c.Get<string>(CdmCatalog.Contact.Email),
                    FirstName = c.Get<string>(CdmCatalog.Contact.FirstName),
                    LastName = c.Get<string>(CdmCatalog.Contact.LastName),
                    Phone = c.Get<string>(CdmCatalog.Contact.Phone),
                })
                .Supports(EntityOperations.Search, "search_customers")
                .Map(c => c.Id, CdmCatalog.Contact.Id, (long id) => id.ToString(CultureInfo.InvariantCulture), (string? id) => long.TryParse(id, CultureInfo.InvariantCulture, out var n) ? n : 0)
                .Map(c => c.Email, CdmCatalog.Contact.Email)
                .Map(c => c.FirstName, CdmCatalog.Contact.FirstName)
                .Map(c => c.LastName, CdmCatalog.Contact.LastName)
                .Map(c => c.Phone, CdmCatalog.Contact.Phone)
                .Map(c => c.DefaultAddress, CdmCatalog.Contact.Company, (ShopifyAddress? a) => a?.Company)
                .Map(c => c.Addresses, CdmCatalog.Contact.Addresses,
                    (IReadOnlyList<ShopifyAddress>? list) => list is null ? null : new JsonArray([.. list.Select(a => (JsonNode?)CdmAddress(a, "other"))]),
                    (JsonArray? cdm) => cdm is null ? null : [.. cdm.OfType<JsonObject>().Select(FromCdmAddress)])
                .Map(c => c.Tags, CdmCatalog.Contact.Tags,
                    (string? tags) => tags is null ? null : tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList(),
                    (List<string>? tags) => tags is null ? null : string.Join(", ", tags))
                .Map(c => c.Note, CdmCatalog.Contact.CustomFields, (string? note) => note is null ? null : new JsonObject { ["note"] = note })
                .Map(c => c.CreatedAt, CdmCatalog.Contact.CreatedAt)
                .Map(c => c.UpdatedAt, CdmCatalog.Contact.UpdatedAt), Json),
            Define.Entity<ShopifyOrder>("order", CdmCatalog.Order, e => e
                .Native("order")
                .Id(o => o.Id)
                .UpdatedAt(o => o.UpdatedAt)
                .Supports(EntityOperations.List, "list_orders")
                .Supports(EntityOperations.Get, "get_order")
                .Supports(EntityOperations.Create, "create_order")
                .Map(o => o.Id, CdmCatalog.Order.Id, (long id) => id.ToString(CultureInfo.InvariantCulture))
                .Map(o => o.Name, CdmCatalog.Order.OrderNumber)
                .Map(o => o.Customer, CdmCatalog.Order.CustomerId, (ShopifyCustomer? c) => c?.Id.ToString(CultureInfo.InvariantCulture))
                .Map(o => o.Email, CdmCatalog.Order.Email)
                .Map(o => o.FinancialStatus, CdmCatalog.Order.Status, (string? s) => OrderStatus(s))
                .Map(o => o.Currency, CdmCatalog.Order.Currency)
                .Map(o => o.LineItems, CdmCatalog.Order.LineItems, (IReadOnlyList<ShopifyLineItem>? items) => items is null ? null : new JsonArray([.. items.Select(i => (JsonNode?)LineItem(i))]))
                .Map(o => o.SubtotalPrice, CdmCatalog.Order.Subtotal, (string? v) => Money(v))
                .Map(o => o.TotalTax, CdmCatalog.Order.Tax, (string? v) => Money(v))
                .Map(o => o.ShippingLines, CdmCatalog.Order.Shipping, (IReadOnlyList<ShopifyShippingLine>? lines) => lines is null ? null : (decimal?)lines.Sum(l => Money(l.Price) ?? 0m))
                .Map(o => o.TotalPrice, CdmCatalog.Order.Total, (string? v) => Money(v))
                .Map(o => o.BillingAddress, CdmCatalog.Order.BillingAddress, (ShopifyAddress? a) => a is null ? null : CdmAddress(a, "billing"))
                .Map(o => o.ShippingAddress, CdmCatalog.Order.ShippingAddress, (ShopifyAddress? a) => a is null ? null : CdmAddress(a, "shipping"))
                .Map(o => o.ProcessedAt, CdmCatalog.Order.PlacedAt)
                .Map(o => o.CreatedAt, CdmCatalog.Order.CreatedAt)
                .Map(o => o.UpdatedAt, CdmCatalog.Order.UpdatedAt), Json),
            Define.Entity<ShopifyProduct>("product", CdmCatalog.Product, e => e
                .Native("product")
                .Id(p => p.Id)
                .UpdatedAt(p => p.UpdatedAt)
                .Supports(EntityOperations.List, "list_products")
                .Map(p => p.Id, CdmCatalog.Product.Id, (long id) => id.ToString(CultureInfo.InvariantCulture))
                .Map(p => p.Title, CdmCatalog.Product.ProductName)
                .Map(p => p.BodyHtml, CdmCatalog.Product.ProductDescription)
                .Map(p => p.ProductType, CdmCatalog.Product.Category)
                .Map(p => p.Status, CdmCatalog.Product.Status)
                .Split(p => p.Variants,
                [
                    (CdmCatalog.Product.Variants, variants => variants is null ? null : new JsonArray([.. variants.Select(v => (JsonNode?)Variant(v))])),
                    (CdmCatalog.Product.Sku, variants => variants?.FirstOrDefault(v => v.Sku is { Length: > 0 })?.Sku),
                    (CdmCatalog.Product.Inventory, variants => variants?.Sum(v => v.InventoryQuantity ?? 0)),
                ])
                .Map(p => p.CreatedAt, CdmCatalog.Product.CreatedAt)
                .Map(p => p.UpdatedAt, CdmCatalog.Product.UpdatedAt), Json),
            Define.Entity<ShopifyInventoryLevel>("inventory_level", CdmCatalog.InventoryLevel, e => e
                .Native("inventory_level")
                .Id(l => l.AdminGraphqlApiId)
                .UpdatedAt(l => l.UpdatedAt)
                .Supports(EntityOperations.List, "list_inventory_levels")
                .Supports(EntityOperations.Update, "adjust_inventory")
                .Map(l => l.AdminGraphqlApiId, CdmCatalog.InventoryLevel.Id)
                .Map(l => l.LocationId, CdmCatalog.InventoryLevel.LocationId, (long id) => id.ToString(CultureInfo.InvariantCulture))
                .Map(l => l.Available, CdmCatalog.InventoryLevel.Available)
                .Map(l => l.UpdatedAt, CdmCatalog.InventoryLevel.UpdatedAt), Json),
        },
    };

    private static WebhookTriggerDefinition Webhook(string name, string description, IReadOnlyList<string> topics) =>
        Define.WebhookTrigger(name, description, ShopifyWebhooks.Verify, ShopifyWebhooks.Extract, topics) with
        {
            Subscribe = (subscription, ctx, ct) => ShopifyWebhooks.SubscribeAsync(subscription, topics, ctx, ct),
            Unsubscribe = ShopifyWebhooks.UnsubscribeAsync,
        };

    /// <summary>Shopify's financial status as the CDM order status (fulfilment is tracked separately at Shopify).</summary>
    internal static string? OrderStatus(string? financialStatus) => financialStatus switch
    {
        null => null,
        "paid" or "partially_paid" or "partially_refunded" => "paid",
        "refunded" => "refunded",
        "voided" => "cancelled",
        _ => "pending",
    };

    private static decimal? Money(string? value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null;

    private static JsonObject CdmAddress(ShopifyAddress a, string type) => Compact(new JsonObject
    {
        ["type"] = type,
        ["line1"] = a.Address1,
        ["line2"] = a.Address2,
        ["city"] = a.City,
        ["region"] = a.ProvinceCode ?? a.Province,
        ["postalCode"] = a.Zip,
        ["country"] = a.CountryCode ?? a.Country,
    });

    private static ShopifyAddress FromCdmAddress(JsonObject a) => new()
    {
        Address1 = Text(a["line1"]),
        Address2 = Text(a["line2"]),
        City = Text(a["city"]),
        ProvinceCode = Text(a["region"]),
        Zip = Text(a["postalCode"]),
        CountryCode = Text(a["country"]),
    };

    private static JsonObject LineItem(ShopifyLineItem i)
    {
        var price = Money(i.Price);
        return Compact(new JsonObject
        {
            ["productId"] = i.ProductId?.ToString(CultureInfo.InvariantCulture),
            ["variantId"] = i.VariantId?.ToString(CultureInfo.InvariantCulture),
            ["sku"] = i.Sku,
            ["name"] = i.Name ?? i.Title,
            ["quantity"] = i.Quantity,
            ["unitPrice"] = price,
            ["total"] = price is { } p ? p * i.Quantity - (Money(i.TotalDiscount) ?? 0m) : null,
        });
    }

    private static JsonObject Variant(ShopifyVariant v)
    {
        var options = new JsonObject();
        foreach (var (name, value) in new[] { ("option1", v.Option1), ("option2", v.Option2), ("option3", v.Option3) })
        {
            if (value is not null)
            {
                options[name] = value;
            }
        }

        return Compact(new JsonObject
        {
            ["id"] = v.Id.ToString(CultureInfo.InvariantCulture),
            ["sku"] = v.Sku,
            ["title"] = v.Title,
            ["price"] = Money(v.Price),
            ["inventoryQuantity"] = v.InventoryQuantity,
            ["options"] = options,
        });
    }

    private static JsonObject Compact(JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            o.Remove(key);
        }

        return o;
    }

    private static string? Text(JsonNode? node) => node?.GetValueKind() == JsonValueKind.String ? node.GetValue<string>() : null;
}

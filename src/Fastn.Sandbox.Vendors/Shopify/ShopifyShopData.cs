using System.Globalization;
using System.Text.Json.Nodes;
using Bogus;

namespace Fastn.Sandbox.Vendors.Shopify;

/// <summary>One simulated shop: customers, products with variants, locations, inventory levels, orders and webhooks, as Shopify's JSON.
/// Every member is used under <see cref="Lock"/>.</summary>
internal sealed class ShopifyShopData
{
    public const string Currency = "USD";

    private static readonly TimeSpan ShopOffset = TimeSpan.FromHours(-5);

    private static readonly Dictionary<string, string> Countries = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = "United States", ["CA"] = "Canada", ["GB"] = "United Kingdom", ["DE"] = "Germany", ["FR"] = "France",
        ["AU"] = "Australia", ["NL"] = "Netherlands", ["IE"] = "Ireland", ["ES"] = "Spain", ["IT"] = "Italy",
    };

    private long _nextId = 7_400_000_000;
    private int _nextOrderNumber = 1001;

    public ShopifyShopData(string shop, TimeProvider time)
    {
        Name = shop;
        Time = time;
        Seed();
    }

    public object Lock { get; } = new();

    public string Name { get; }

    public TimeProvider Time { get; }

    public long ShopId { get; } = 60_581_314_711;

    public List<JsonObject> Customers { get; } = [];

    public List<JsonObject> Products { get; } = [];

    public List<JsonObject> Orders { get; } = [];

    public List<JsonObject> Locations { get; } = [];

    /// <summary>Inventory levels in creation order.</summary>
    public List<JsonObject> InventoryLevels { get; } = [];

    public List<JsonObject> Webhooks { get; } = [];

    public string Domain => Name + ".myshopify.com";

    public long NextId() => _nextId += 13;

    public static string Time8601(DateTimeOffset at) => at.ToOffset(ShopOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    public string Now() => Time8601(Time.GetUtcNow());

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static long Id(JsonObject o) => o["id"]!.GetValue<long>();

    public JsonObject ShopJson() => new()
    {
        ["id"] = ShopId,
        ["name"] = "Fastn Sandbox Store",
        ["email"] = "owner@fastn-sandbox.example",
        ["domain"] = Domain,
        ["province"] = "New York",
        ["country"] = "US",
        ["address1"] = "1 Market Street",
        ["zip"] = "10001",
        ["city"] = "New York",
        ["phone"] = "+12125550100",
        ["created_at"] = "2023-01-10T09:00:00-05:00",
        ["updated_at"] = "2024-06-01T09:00:00-05:00",
        ["country_code"] = "US",
        ["country_name"] = "United States",
        ["currency"] = Currency,
        ["customer_email"] = "support@fastn-sandbox.example",
        ["timezone"] = "(GMT-05:00) Eastern Time (US & Canada)",
        ["iana_timezone"] = "America/New_York",
        ["shop_owner"] = "Sandbox Owner",
        ["money_format"] = "${{amount}}",
        ["plan_name"] = "basic",
        ["plan_display_name"] = "Basic",
        ["myshopify_domain"] = Domain,
        ["primary_location_id"] = Id(Locations[0]),
    };

    public JsonObject? Customer(long id) => Customers.FirstOrDefault(c => Id(c) == id);

    public JsonObject? Order(long id) => Orders.FirstOrDefault(o => Id(o) == id);

    public JsonObject? Variant(long id) => Products.SelectMany(p => p["variants"]!.AsArray().OfType<JsonObject>()).FirstOrDefault(v => Id(v) == id);

    public JsonObject? Level(long item, long location) =>
        InventoryLevels.FirstOrDefault(l => l["inventory_item_id"]!.GetValue<long>() == item && l["location_id"]!.GetValue<long>() == location);

    /// <summary>Creates a customer from the request's <c>customer</c> object (already validated).</summary>
    public JsonObject AddCustomer(JsonObject input)
    {
        var id = NextId();
        var now = Now();
        var addresses = new JsonArray();
        var first = true;
        foreach (var a in (input["addresses"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            addresses.Add(Address(a, id, first));
            first = false;
        }

        var customer = new JsonObject
        {
            ["id"] = id,
            ["email"] = Str(input["email"]),
            ["created_at"] = now,
            ["updated_at"] = now,
            ["first_name"] = Str(input["first_name"]),
            ["last_name"] = Str(input["last_name"]),
            ["orders_count"] = 0,
            ["state"] = input["send_email_invite"]?.GetValueKind() == System.Text.Json.JsonValueKind.True ? "invited" : "disabled",
            ["total_spent"] = "0.00",
            ["last_order_id"] = null,
            ["note"] = Str(input["note"]),
            ["verified_email"] = input["verified_email"]?.GetValueKind() != System.Text.Json.JsonValueKind.False,
            ["multipass_identifier"] = null,
            ["tax_exempt"] = false,
            ["tags"] = Str(input["tags"]) ?? "",
            ["last_order_name"] = null,
            ["currency"] = Currency,
            ["phone"] = Str(input["phone"]),
            ["addresses"] = addresses,
            ["tax_exemptions"] = new JsonArray(),
            ["admin_graphql_api_id"] = $"gid://shopify/Customer/{id}",
        };
        customer["default_address"] = addresses.Count > 0 ? addresses[0]!.DeepClone() : null;
        Customers.Add(customer);
        return customer;
    }

    /// <summary>A Shopify address object from input (<c>country</c> may be a name or a code).</summary>
    public JsonObject Address(JsonObject a, long? customerId, bool isDefault)
    {
        var countryCode = Str(a["country_code"]);
        var country = Str(a["country"]);
        if (countryCode is null && country is not null)
        {
            countryCode = country.Length == 2 ? country.ToUpperInvariant() : Countries.FirstOrDefault(c => string.Equals(c.Value, country, StringComparison.OrdinalIgnoreCase)).Key;
        }

        if (countryCode is not null && Countries.TryGetValue(countryCode, out var name))
        {
            country = name;
        }

        var first = Str(a["first_name"]);
        var last = Str(a["last_name"]);
        var address = new JsonObject();
        if (customerId is { } cid)
        {
            address["id"] = NextId();
            address["customer_id"] = cid;
        }

        address["first_name"] = first;
        address["last_name"] = last;
        address["company"] = Str(a["company"]);
        address["address1"] = Str(a["address1"]);
        address["address2"] = Str(a["address2"]);
        address["city"] = Str(a["city"]);
        address["province"] = Str(a["province"]);
        address["country"] = country;
        address["zip"] = Str(a["zip"]);
        address["phone"] = Str(a["phone"]);
        address["name"] = string.Join(' ', new[] { first, last }.Where(s => s is not null));
        address["province_code"] = Str(a["province_code"]);
        address["country_code"] = countryCode;
        address["country_name"] = country;
        if (customerId is not null)
        {
            address["default"] = isDefault;
        }

        return address;
    }

    /// <summary>Creates an order from validated line items (variant or custom) and the request's <c>order</c> object.</summary>
    public JsonObject AddOrder(JsonObject input, IReadOnlyList<JsonObject> lineItems, JsonObject? customer, DateTimeOffset? at = null)
    {
        var id = NextId();
        var number = _nextOrderNumber++;
        var when = at is { } t ? Time8601(t) : Now();
        var subtotal = lineItems.Sum(l => decimal.Parse(l["price"]!.GetValue<string>(), CultureInfo.InvariantCulture) * l["quantity"]!.GetValue<int>());
        var tax = Math.Round(subtotal * 0.08m, 2);
        var shippingLines = input["shipping_lines"] as JsonArray ?? [new JsonObject { ["id"] = NextId(), ["title"] = "Standard", ["price"] = "5.00", ["code"] = "STANDARD", ["source"] = "shopify" }];
        var shipping = shippingLines.OfType<JsonObject>().Sum(s => decimal.Parse(Str(s["price"]) ?? "0", CultureInfo.InvariantCulture));
        var email = Str(input["email"]) ?? Str(customer?["email"]);
        var total = subtotal + tax + shipping;
        var financial = Str(input["financial_status"]) ?? "pending";
        var order = new JsonObject
        {
            ["id"] = id,
            ["admin_graphql_api_id"] = $"gid://shopify/Order/{id}",
            ["app_id"] = 1_354_745,
            ["buyer_accepts_marketing"] = false,
            ["cancel_reason"] = null,
            ["cancelled_at"] = null,
            ["closed_at"] = null,
            ["confirmation_number"] = "FS" + id.ToString(CultureInfo.InvariantCulture)[^7..],
            ["confirmed"] = true,
            ["contact_email"] = email,
            ["created_at"] = when,
            ["currency"] = Str(input["currency"]) ?? Currency,
            ["current_subtotal_price"] = Money(subtotal),
            ["current_total_price"] = Money(total),
            ["current_total_tax"] = Money(tax),
            ["email"] = email,
            ["financial_status"] = financial,
            ["fulfillment_status"] = null,
            ["name"] = "#" + number.ToString(CultureInfo.InvariantCulture),
            ["note"] = Str(input["note"]),
            ["number"] = number - 1000,
            ["order_number"] = number,
            ["presentment_currency"] = Str(input["currency"]) ?? Currency,
            ["processed_at"] = when,
            ["source_name"] = "fastn",
            ["subtotal_price"] = Money(subtotal),
            ["tags"] = Str(input["tags"]) ?? "",
            ["taxes_included"] = false,
            ["test"] = false,
            ["total_discounts"] = "0.00",
            ["total_line_items_price"] = Money(subtotal),
            ["total_price"] = Money(total),
            ["total_tax"] = Money(tax),
            ["total_weight"] = 0,
            ["updated_at"] = when,
            ["billing_address"] = input["billing_address"] is JsonObject b ? Address(b, null, false) : null,
            ["customer"] = customer is null ? null : OrderCustomer(customer),
            ["line_items"] = new JsonArray([.. lineItems.Select(l => (JsonNode?)l)]),
            ["shipping_address"] = input["shipping_address"] is JsonObject s ? Address(s, null, false) : null,
            ["shipping_lines"] = shippingLines.DeepClone(),
        };
        Orders.Add(order);
        if (customer is not null)
        {
            customer["orders_count"] = customer["orders_count"]!.GetValue<int>() + 1;
            customer["total_spent"] = Money(decimal.Parse(customer["total_spent"]!.GetValue<string>(), CultureInfo.InvariantCulture) + total);
            customer["last_order_id"] = id;
            customer["last_order_name"] = order["name"]!.GetValue<string>();
            customer["updated_at"] = when;
        }

        return order;
    }

    public JsonObject LineItem(JsonObject? variant, JsonObject? product, string? title, string price, int quantity) => new()
    {
        ["id"] = NextId(),
        ["admin_graphql_api_id"] = null,
        ["fulfillable_quantity"] = quantity,
        ["fulfillment_service"] = "manual",
        ["fulfillment_status"] = null,
        ["gift_card"] = false,
        ["grams"] = variant?["grams"]?.GetValue<int>() ?? 0,
        ["name"] = variant is null ? title : $"{Str(product!["title"])} - {Str(variant["title"])}",
        ["price"] = price,
        ["product_exists"] = variant is not null,
        ["product_id"] = variant?["product_id"]?.GetValue<long>(),
        ["quantity"] = quantity,
        ["requires_shipping"] = true,
        ["sku"] = Str(variant?["sku"]) ?? "",
        ["taxable"] = true,
        ["title"] = variant is null ? title : Str(product!["title"]),
        ["total_discount"] = "0.00",
        ["variant_id"] = variant?["id"]?.GetValue<long>(),
        ["variant_title"] = Str(variant?["title"]),
        ["vendor"] = Str(product?["vendor"]),
    };

    public JsonObject? ProductOf(JsonObject variant) => Products.FirstOrDefault(p => Id(p) == variant["product_id"]!.GetValue<long>());

    /// <summary>Adds <paramref name="delta"/> to a level's available count and keeps the variant's inventory_quantity in step.</summary>
    public void Adjust(JsonObject level, int delta)
    {
        var now = Now();
        level["available"] = (level["available"]?.GetValue<int>() ?? 0) + delta;
        level["updated_at"] = now;
        var item = level["inventory_item_id"]!.GetValue<long>();
        var variant = Products.SelectMany(p => p["variants"]!.AsArray().OfType<JsonObject>()).FirstOrDefault(v => v["inventory_item_id"]!.GetValue<long>() == item);
        if (variant is not null)
        {
            var quantity = variant["inventory_quantity"]!.GetValue<int>();
            variant["old_inventory_quantity"] = quantity;
            variant["inventory_quantity"] = quantity + delta;
            variant["updated_at"] = now;
        }
    }

    public static string? Str(JsonNode? node) => node?.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => node.GetValue<string>(),
        System.Text.Json.JsonValueKind.Number => node.ToJsonString(),
        _ => null,
    };

    private static JsonObject OrderCustomer(JsonObject customer)
    {
        var copy = new JsonObject();
        foreach (var key in new[] { "id", "email", "created_at", "updated_at", "first_name", "last_name", "state", "note", "verified_email", "tags", "currency", "phone", "admin_graphql_api_id", "default_address" })
        {
            copy[key] = customer[key]?.DeepClone();
        }

        return copy;
    }

    private void Seed()
    {
        var faker = new Faker("en") { Random = new Randomizer(20_241_001) };
        var start = new DateTimeOffset(2024, 1, 15, 9, 0, 0, TimeSpan.Zero);
        Locations.Add(new JsonObject { ["id"] = 71_534_002_001, ["name"] = "Main warehouse", ["active"] = true, ["country_code"] = "US", ["city"] = "Newark" });
        Locations.Add(new JsonObject { ["id"] = 71_534_002_002, ["name"] = "Downtown store", ["active"] = true, ["country_code"] = "US", ["city"] = "New York" });

        for (var i = 0; i < 30; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var at = start.AddHours(i * 31);
            var input = new JsonObject
            {
                ["email"] = faker.Internet.Email(first, last, "example.com").ToLowerInvariant(),
                ["first_name"] = first,
                ["last_name"] = last,
                ["phone"] = "+1212555" + (1000 + i).ToString(CultureInfo.InvariantCulture),
                ["tags"] = i % 4 == 0 ? "vip, newsletter" : i % 3 == 0 ? "wholesale" : "",
                ["verified_email"] = true,
                ["addresses"] = new JsonArray(new JsonObject
                {
                    ["first_name"] = first,
                    ["last_name"] = last,
                    ["company"] = i % 2 == 0 ? faker.Company.CompanyName() : null,
                    ["address1"] = faker.Address.StreetAddress(),
                    ["city"] = faker.Address.City(),
                    ["province"] = "New York",
                    ["province_code"] = "NY",
                    ["country_code"] = "US",
                    ["zip"] = faker.Address.ZipCode("#####"),
                }),
            };
            var customer = AddCustomer(input);
            customer["state"] = "enabled";
            customer["created_at"] = Time8601(at);
            customer["updated_at"] = Time8601(at.AddMinutes(5));
        }

        string[] types = ["Shirts", "Hoodies", "Mugs", "Posters"];
        for (var p = 0; p < 8; p++)
        {
            var id = NextId();
            var title = faker.Commerce.ProductName();
            var at = Time8601(start.AddDays(-30 + p));
            var sizes = p % 3 == 2 ? new[] { "Default Title" } : ["S", "M", "L"];
            var price = Money(Math.Round(faker.Random.Decimal(8, 80), 0) - 0.01m);
            var variants = new JsonArray();
            for (var v = 0; v < sizes.Length; v++)
            {
                var variantId = NextId();
                var item = NextId();
                var stock = 0;
                foreach (var location in Locations)
                {
                    var available = faker.Random.Int(0, 40);
                    stock += available;
                    var locationId = Id(location);
                    InventoryLevels.Add(new JsonObject
                    {
                        ["inventory_item_id"] = item,
                        ["location_id"] = locationId,
                        ["available"] = available,
                        ["updated_at"] = at,
                        ["admin_graphql_api_id"] = $"gid://shopify/InventoryLevel/{locationId}?inventory_item_id={item}",
                    });
                }

                variants.Add(new JsonObject
                {
                    ["id"] = variantId,
                    ["product_id"] = id,
                    ["title"] = sizes[v],
                    ["price"] = price,
                    ["sku"] = $"FS-{p + 1:00}-{sizes[v][..1].ToUpperInvariant()}",
                    ["position"] = v + 1,
                    ["inventory_policy"] = "deny",
                    ["compare_at_price"] = null,
                    ["fulfillment_service"] = "manual",
                    ["inventory_management"] = "shopify",
                    ["option1"] = sizes[v],
                    ["option2"] = null,
                    ["option3"] = null,
                    ["created_at"] = at,
                    ["updated_at"] = at,
                    ["taxable"] = true,
                    ["barcode"] = faker.Random.ReplaceNumbers("############"),
                    ["grams"] = 250,
                    ["weight"] = 0.25,
                    ["weight_unit"] = "kg",
                    ["inventory_item_id"] = item,
                    ["inventory_quantity"] = stock,
                    ["old_inventory_quantity"] = stock,
                    ["requires_shipping"] = true,
                    ["admin_graphql_api_id"] = $"gid://shopify/ProductVariant/{variantId}",
                });
            }

            var status = p == 6 ? "draft" : p == 7 ? "archived" : "active";
            Products.Add(new JsonObject
            {
                ["id"] = id,
                ["title"] = title,
                ["body_html"] = $"<p>{faker.Commerce.ProductDescription()}</p>",
                ["vendor"] = "Fastn Sandbox Store",
                ["product_type"] = types[p % types.Length],
                ["created_at"] = at,
                ["handle"] = title.ToLowerInvariant().Replace(' ', '-'),
                ["updated_at"] = at,
                ["published_at"] = status == "active" ? at : null,
                ["template_suffix"] = null,
                ["published_scope"] = "web",
                ["tags"] = p % 2 == 0 ? "summer, bestseller" : "",
                ["status"] = status,
                ["admin_graphql_api_id"] = $"gid://shopify/Product/{id}",
                ["variants"] = variants,
                ["options"] = new JsonArray(new JsonObject
                {
                    ["id"] = NextId(),
                    ["product_id"] = id,
                    ["name"] = sizes.Length == 1 ? "Title" : "Size",
                    ["position"] = 1,
                    ["values"] = new JsonArray([.. sizes.Select(s => (JsonNode?)s)]),
                }),
                ["images"] = new JsonArray(),
                ["image"] = null,
            });
        }

        for (var o = 0; o < 12; o++)
        {
            var customer = Customers[(o * 7) % Customers.Count];
            var items = new List<JsonObject>();
            for (var l = 0; l <= o % 3; l++)
            {
                var product = Products[(o + l) % 6];
                var variant = (JsonObject)product["variants"]!.AsArray()[l % product["variants"]!.AsArray().Count]!;
                items.Add(LineItem(variant, product, null, variant["price"]!.GetValue<string>(), 1 + ((o + l) % 2)));
            }

            var at = start.AddDays(10 + o);
            var address = customer["default_address"]!.AsObject();
            var order = AddOrder(new JsonObject
            {
                ["financial_status"] = o % 4 == 3 ? "refunded" : o % 3 == 0 ? "pending" : "paid",
                ["billing_address"] = address.DeepClone(),
                ["shipping_address"] = address.DeepClone(),
            }, items, customer, at);
            if (o % 5 == 4)
            {
                order["fulfillment_status"] = "fulfilled";
                order["closed_at"] = Time8601(at.AddDays(2));
            }

            if (o == 11)
            {
                order["cancelled_at"] = Time8601(at.AddDays(1));
                order["cancel_reason"] = "customer";
                order["financial_status"] = "voided";
            }
        }
    }
}

namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMProduct</c>: something a business sells, with its variants and price tiers.</summary>
public sealed class CdmProductEntity : CdmEntity
{
    internal CdmProductEntity()
        : base("CDMProduct", "1.0.0", "Something a business sells: a catalogue product with its variants and price tiers.")
    {
        Id = Field("id", CdmFieldType.String, true, "The product's id in the app it came from.");
        ProductName = Field("name", CdmFieldType.String, true, "Display name of the product.");
        Sku = Field("sku", CdmFieldType.String, false, "Stock keeping unit of the product (or of its only variant).");
        ProductDescription = Field("description", CdmFieldType.String, false, "Long description shown to buyers; may contain HTML.");
        Variants = Field("variants", CdmFieldType.Array, false, "Purchasable variants (size, colour, …) of the product.", itemType: CdmFieldType.Object, properties:
        [
            Nested("id", CdmFieldType.String, false, "The variant's id in the app it came from."),
            Nested("sku", CdmFieldType.String, false, "Stock keeping unit of the variant."),
            Nested("title", CdmFieldType.String, false, "Variant title, e.g. \"Large / Blue\"."),
            Nested("price", CdmFieldType.Money, false, "Unit price of the variant in major units."),
            Nested("currency", CdmFieldType.String, false, "ISO 4217 currency code of the price."),
            Nested("inventoryQuantity", CdmFieldType.Integer, false, "Units of the variant in stock across all locations."),
            Nested("options", CdmFieldType.Map, false, "Option name to value, e.g. {\"size\": \"L\"}."),
        ]);
        PricingTiers = Field("pricingTiers", CdmFieldType.Array, false, "Volume price breaks: the unit price from a minimum quantity up.", itemType: CdmFieldType.Object, properties:
        [
            Nested("minQuantity", CdmFieldType.Integer, false, "Smallest order quantity the tier applies to."),
            Nested("price", CdmFieldType.Money, false, "Unit price in major units within the tier."),
            Nested("currency", CdmFieldType.String, false, "ISO 4217 currency code of the price."),
        ]);
        Category = Field("category", CdmFieldType.String, false, "Product type or category name.");
        Status = Field("status", CdmFieldType.Enum, false, "Whether the product is on sale (active), unpublished (draft) or retired (archived).", enumValues: ["active", "draft", "archived"]);
        Inventory = Field("inventory", CdmFieldType.Integer, false, "Total units in stock across all variants and locations.");
        Currency = Field("currency", CdmFieldType.String, false, "ISO 4217 code of the product's default currency.");
        CreatedAt = Field("createdAt", CdmFieldType.DateTime, false, "When the record was created in the source app.");
        UpdatedAt = Field("updatedAt", CdmFieldType.DateTime, false, "When the record last changed in the source app.");
    }

    /// <summary>The product's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>Display name, JSON <c>name</c> (required); not called <c>Name</c>, which is the entity's own name.</summary>
    public CdmField ProductName { get; }
    /// <summary>Stock keeping unit.</summary>
    public CdmField Sku { get; }
    /// <summary>Long description, JSON <c>description</c>; not called <c>Description</c>, which describes the entity itself.</summary>
    public CdmField ProductDescription { get; }
    /// <summary>Purchasable variants (objects with id, sku, title, price, currency, inventoryQuantity, options).</summary>
    public CdmField Variants { get; }
    /// <summary>Volume price breaks (objects with minQuantity, price, currency).</summary>
    public CdmField PricingTiers { get; }
    /// <summary>Product type or category.</summary>
    public CdmField Category { get; }
    /// <summary>Lifecycle status: active, draft or archived.</summary>
    public CdmField Status { get; }
    /// <summary>Total units in stock.</summary>
    public CdmField Inventory { get; }
    /// <summary>Default currency (ISO 4217).</summary>
    public CdmField Currency { get; }
    /// <summary>Creation time.</summary>
    public CdmField CreatedAt { get; }
    /// <summary>Last change time.</summary>
    public CdmField UpdatedAt { get; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A purchasable variant of a product.</summary>
public sealed record ShopifyVariant
{
    /// <summary>The variant's id.</summary>
    [Description("The variant's id.")]
    public required long Id { get; init; }

    /// <summary>The product it belongs to.</summary>
    [Description("The product it belongs to.")]
    public long? ProductId { get; init; }

    /// <summary>Variant title, e.g. Large / Blue.</summary>
    [Description("Variant title, e.g. Large / Blue.")]
    public string? Title { get; init; }

    /// <summary>Stock keeping unit.</summary>
    [Description("Stock keeping unit.")]
    public string? Sku { get; init; }

    /// <summary>Unit price, a decimal string.</summary>
    [Description("Unit price, a decimal string.")]
    public string? Price { get; init; }

    /// <summary>The inventory item tracking the variant's stock (for inventory levels).</summary>
    [Description("The inventory item tracking the variant's stock (for inventory levels).")]
    public long? InventoryItemId { get; init; }

    /// <summary>Units in stock across locations.</summary>
    [Description("Units in stock across locations.")]
    public int? InventoryQuantity { get; init; }

    /// <summary>Value of the product's first option.</summary>
    [Description("Value of the product's first option.")]
    public string? Option1 { get; init; }

    /// <summary>Value of the product's second option.</summary>
    [Description("Value of the product's second option.")]
    public string? Option2 { get; init; }

    /// <summary>Value of the product's third option.</summary>
    [Description("Value of the product's third option.")]
    public string? Option3 { get; init; }
}

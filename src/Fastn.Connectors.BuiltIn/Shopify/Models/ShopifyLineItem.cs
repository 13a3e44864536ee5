using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>One line of an order.</summary>
public sealed record ShopifyLineItem
{
    /// <summary>The line item's id.</summary>
    [Description("The line item's id.")]
    public long? Id { get; init; }

    /// <summary>The product ordered.</summary>
    [Description("The product ordered.")]
    public long? ProductId { get; init; }

    /// <summary>The variant ordered.</summary>
    [Description("The variant ordered.")]
    public long? VariantId { get; init; }

    /// <summary>The SKU of the variant.</summary>
    [Description("The SKU of the variant.")]
    public string? Sku { get; init; }

    /// <summary>The product title.</summary>
    [Description("The product title.")]
    public string? Title { get; init; }

    /// <summary>The variant title.</summary>
    [Description("The variant title.")]
    public string? VariantTitle { get; init; }

    /// <summary>Product and variant title as shown on the order.</summary>
    [Description("Product and variant title as shown on the order.")]
    public string? Name { get; init; }

    /// <summary>Units ordered.</summary>
    [Description("Units ordered.")]
    public int Quantity { get; init; }

    /// <summary>Unit price, a decimal string.</summary>
    [Description("Unit price, a decimal string.")]
    public string? Price { get; init; }

    /// <summary>Discount on the line, a decimal string.</summary>
    [Description("Discount on the line, a decimal string.")]
    public string? TotalDiscount { get; init; }
}

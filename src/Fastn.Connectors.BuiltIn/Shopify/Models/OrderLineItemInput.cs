using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>One line of a new order: a variant, or a custom item with title and price.</summary>
public sealed record OrderLineItemInput
{
    /// <summary>The variant ordered (price and title come from it).</summary>
    [Description("The variant ordered (price and title come from it).")]
    public long? VariantId { get; init; }

    /// <summary>Title of a custom line item (without variant_id).</summary>
    [Description("Title of a custom line item (without variant_id).")]
    public string? Title { get; init; }

    /// <summary>Unit price of a custom line item, a decimal string.</summary>
    [Description("Unit price of a custom line item, a decimal string.")]
    public string? Price { get; init; }

    /// <summary>Units ordered.</summary>
    [Description("Units ordered.")]
    public required int Quantity { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A shipping method charged on an order.</summary>
public sealed record ShopifyShippingLine
{
    /// <summary>Shipping method name.</summary>
    [Description("Shipping method name.")]
    public string? Title { get; init; }

    /// <summary>Shipping method code.</summary>
    [Description("Shipping method code.")]
    public string? Code { get; init; }

    /// <summary>Shipping price, a decimal string.</summary>
    [Description("Shipping price, a decimal string.")]
    public string? Price { get; init; }
}

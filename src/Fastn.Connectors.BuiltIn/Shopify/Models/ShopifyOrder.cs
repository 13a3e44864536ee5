using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A Shopify order (Admin REST API order resource).</summary>
public sealed record ShopifyOrder
{
    /// <summary>The order's id.</summary>
    [Description("The order's id.")]
    public required long Id { get; init; }

    /// <summary>The order name shown to the merchant and buyer, e.g. #1001.</summary>
    [Description("The order name shown to the merchant and buyer, e.g. #1001.")]
    public string? Name { get; init; }

    /// <summary>The sequential order number, e.g. 1001.</summary>
    [Description("The sequential order number, e.g. 1001.")]
    public int? OrderNumber { get; init; }

    /// <summary>E-mail address of the buyer.</summary>
    [Description("E-mail address of the buyer.")]
    public string? Email { get; init; }

    /// <summary>ISO 4217 currency of the order.</summary>
    [Description("ISO 4217 currency of the order.")]
    public string? Currency { get; init; }

    /// <summary>pending, authorized, partially_paid, paid, partially_refunded, refunded or voided.</summary>
    [Description("pending, authorized, partially_paid, paid, partially_refunded, refunded or voided.")]
    public string? FinancialStatus { get; init; }

    /// <summary>null (unfulfilled), partial or fulfilled.</summary>
    [Description("null (unfulfilled), partial or fulfilled.")]
    public string? FulfillmentStatus { get; init; }

    /// <summary>When the order was cancelled, if it was.</summary>
    [Description("When the order was cancelled, if it was.")]
    public DateTimeOffset? CancelledAt { get; init; }

    /// <summary>Why the order was cancelled.</summary>
    [Description("Why the order was cancelled.")]
    public string? CancelReason { get; init; }

    /// <summary>Sum of line prices after discounts, before tax and shipping.</summary>
    [Description("Sum of line prices after discounts, before tax and shipping.")]
    public string? SubtotalPrice { get; init; }

    /// <summary>Total tax.</summary>
    [Description("Total tax.")]
    public string? TotalTax { get; init; }

    /// <summary>Total discounts.</summary>
    [Description("Total discounts.")]
    public string? TotalDiscounts { get; init; }

    /// <summary>Grand total.</summary>
    [Description("Grand total.")]
    public string? TotalPrice { get; init; }

    /// <summary>Tags, comma-separated.</summary>
    [Description("Tags, comma-separated.")]
    public string? Tags { get; init; }

    /// <summary>A note on the order.</summary>
    [Description("A note on the order.")]
    public string? Note { get; init; }

    /// <summary>The buyer.</summary>
    [Description("The buyer.")]
    public ShopifyCustomer? Customer { get; init; }

    /// <summary>The ordered items.</summary>
    [Description("The ordered items.")]
    public IReadOnlyList<ShopifyLineItem> LineItems { get; init; } = [];

    /// <summary>Shipping charged.</summary>
    [Description("Shipping charged.")]
    public IReadOnlyList<ShopifyShippingLine>? ShippingLines { get; init; }

    /// <summary>Billing address.</summary>
    [Description("Billing address.")]
    public ShopifyAddress? BillingAddress { get; init; }

    /// <summary>Shipping address.</summary>
    [Description("Shipping address.")]
    public ShopifyAddress? ShippingAddress { get; init; }

    /// <summary>When the order was placed.</summary>
    [Description("When the order was placed.")]
    public DateTimeOffset? ProcessedAt { get; init; }

    /// <summary>When the order was created.</summary>
    [Description("When the order was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the order last changed.</summary>
    [Description("When the order last changed.")]
    public DateTimeOffset? UpdatedAt { get; init; }
}

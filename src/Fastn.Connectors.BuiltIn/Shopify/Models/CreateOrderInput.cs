using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A new order (e.g. imported from another channel).</summary>
public sealed record CreateOrderInput
{
    /// <summary>The ordered items (at least one).</summary>
    [Description("The ordered items (at least one).")]
    public IReadOnlyList<OrderLineItemInput> LineItems { get; init; } = [];

    /// <summary>Buyer's e-mail address.</summary>
    [Description("Buyer's e-mail address.")]
    public string? Email { get; init; }

    /// <summary>An existing customer to attach the order to.</summary>
    [Description("An existing customer to attach the order to.")]
    public long? CustomerId { get; init; }

    /// <summary>pending (default), authorized, paid, partially_paid, refunded, voided.</summary>
    [Description("pending (default), authorized, paid, partially_paid, refunded, voided.")]
    public string? FinancialStatus { get; init; }

    /// <summary>ISO 4217 currency (default: the shop's).</summary>
    [Description("ISO 4217 currency (default: the shop's).")]
    public string? Currency { get; init; }

    /// <summary>Billing address.</summary>
    [Description("Billing address.")]
    public ShopifyAddress? BillingAddress { get; init; }

    /// <summary>Shipping address.</summary>
    [Description("Shipping address.")]
    public ShopifyAddress? ShippingAddress { get; init; }

    /// <summary>Tags; sent as one comma-separated string.</summary>
    [Description("Tags; sent as one comma-separated string.")]
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>A note on the order.</summary>
    [Description("A note on the order.")]
    public string? Note { get; init; }

    /// <summary>Send the buyer an order confirmation.</summary>
    [Description("Send the buyer an order confirmation.")]
    public bool? SendReceipt { get; init; }

    /// <summary>bypass (default), decrement_ignoring_policy or decrement_obeying_policy.</summary>
    [Description("bypass (default), decrement_ignoring_policy or decrement_obeying_policy.")]
    public string? InventoryBehaviour { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>One invoice <c>line_item</c>.</summary>
public sealed record StripeInvoiceLineItem
{
    /// <summary>Stripe's id, <c>il_…</c>.</summary>
    [Description("Stripe's line id, like il_1MtHbELkdIwHu7ixl4OzzPMv.")]
    public required string Id { get; init; }

    /// <summary>Line amount, minor units.</summary>
    [Description("Amount of the line before tax, in the smallest currency unit.")]
    public long Amount { get; init; }

    /// <summary>Lower-case ISO currency.</summary>
    [Description("Three-letter ISO currency code, lower-case.")]
    public string? Currency { get; init; }

    /// <summary>What the line bills for.</summary>
    [Description("What the line bills for.")]
    public string? Description { get; init; }

    /// <summary>Units billed.</summary>
    [Description("Number of units billed.")]
    public long? Quantity { get; init; }

    /// <summary>The unit price.</summary>
    [Description("The price of one unit.")]
    public StripePrice? Price { get; init; }

    /// <summary>Tax amounts on the line.</summary>
    [Description("The tax amounts charged on the line.")]
    public IReadOnlyList<StripeTaxAmount>? TaxAmounts { get; init; }
}

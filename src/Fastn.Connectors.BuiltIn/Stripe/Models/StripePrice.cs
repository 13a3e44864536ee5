using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>A Stripe <c>price</c> as embedded in invoice lines (id and unit amount only).</summary>
public sealed record StripePrice
{
    /// <summary>Stripe's id, <c>price_…</c>.</summary>
    [Description("Stripe's price id, like price_1MoBy5LkdIwHu7ixZhnattbh.")]
    public string? Id { get; init; }

    /// <summary>Unit amount, minor units.</summary>
    [Description("Price of one unit, in the smallest currency unit.")]
    public long? UnitAmount { get; init; }

    /// <summary>Lower-case ISO currency.</summary>
    [Description("Three-letter ISO currency code, lower-case.")]
    public string? Currency { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>A tax amount on an invoice line.</summary>
public sealed record StripeTaxAmount
{
    /// <summary>Tax, minor units.</summary>
    [Description("The tax, in the smallest currency unit.")]
    public long Amount { get; init; }

    /// <summary>Whether the price included the tax.</summary>
    [Description("True when the price already included the tax.")]
    public bool Inclusive { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>An amount in one currency of the balance.</summary>
public sealed record StripeBalanceAmount
{
    /// <summary>Amount, minor units.</summary>
    [Description("The amount, in the smallest currency unit.")]
    public long Amount { get; init; }

    /// <summary>Lower-case ISO currency.</summary>
    [Description("Three-letter ISO currency code, lower-case.")]
    public required string Currency { get; init; }
}

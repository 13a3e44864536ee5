using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>The account's <c>balance</c>: funds available and pending, per currency.</summary>
public sealed record StripeBalance
{
    /// <summary>Always <c>balance</c>.</summary>
    [Description("The object type, always \"balance\".")]
    public string? Object { get; init; }

    /// <summary>Funds available to pay out.</summary>
    [Description("Funds you can pay out or spend, per currency.")]
    public IReadOnlyList<StripeBalanceAmount> Available { get; init; } = [];

    /// <summary>Funds not yet available.</summary>
    [Description("Funds not yet available, per currency.")]
    public IReadOnlyList<StripeBalanceAmount> Pending { get; init; } = [];

    /// <summary>Live or test mode.</summary>
    [Description("True in live mode, false in test mode.")]
    public bool Livemode { get; init; }
}

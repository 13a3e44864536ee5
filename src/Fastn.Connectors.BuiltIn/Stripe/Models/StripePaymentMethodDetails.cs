using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>How a charge was paid (<c>payment_method_details</c>); only its type is kept.</summary>
public sealed record StripePaymentMethodDetails
{
    /// <summary>card, sepa_debit, us_bank_account, …</summary>
    [Description("The payment method type, like card or sepa_debit.")]
    public string? Type { get; init; }
}

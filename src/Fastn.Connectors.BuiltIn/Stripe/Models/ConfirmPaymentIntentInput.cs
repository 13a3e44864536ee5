using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>Input of <c>confirm_payment_intent</c> (<c>POST /v1/payment_intents/{id}/confirm</c>).</summary>
public sealed record ConfirmPaymentIntentInput
{
    /// <summary>The payment intent's id.</summary>
    [Description("Id of the payment intent to confirm (pi_…).")]
    public required string Id { get; init; }

    /// <summary>The payment method to charge.</summary>
    [Description("Id of the payment method (pm_…) to charge, if not attached yet.")]
    public string? PaymentMethod { get; init; }

    /// <summary>Where to send the customer after a redirect-based payment.</summary>
    [Description("URL to send the customer back to after authentication (3-D Secure, bank redirects).")]
    public string? ReturnUrl { get; init; }

    /// <summary>Where the receipt goes.</summary>
    [Description("E-mail address to send the receipt to.")]
    public string? ReceiptEmail { get; init; }
}

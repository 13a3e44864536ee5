using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>Input of <c>create_payment_intent</c> (<c>POST /v1/payment_intents</c>).</summary>
public sealed record CreatePaymentIntentInput
{
    /// <summary>Amount, minor units.</summary>
    [Description("Amount to collect in the smallest currency unit: 1099 charges $10.99, 500 charges ¥500.")]
    public required long Amount { get; init; }

    /// <summary>Lower-case ISO currency.</summary>
    [Description("Three-letter ISO currency code, like usd or eur.")]
    public required string Currency { get; init; }

    /// <summary>The paying customer.</summary>
    [Description("Id of the customer (cus_…) paying.")]
    public string? Customer { get; init; }

    /// <summary>Free-text description.</summary>
    [Description("An arbitrary description shown to you.")]
    public string? Description { get; init; }

    /// <summary>The payment method to charge.</summary>
    [Description("Id of the payment method (pm_…) to charge, like pm_card_visa in test mode.")]
    public string? PaymentMethod { get; init; }

    /// <summary>Allowed payment method types.</summary>
    [Description("Payment method types allowed, like [\"card\"]; leave out to use automatic payment methods.")]
    public IReadOnlyList<string>? PaymentMethodTypes { get; init; }

    /// <summary>Confirm at once.</summary>
    [Description("Confirm at once (charges payment_method immediately).")]
    public bool? Confirm { get; init; }

    /// <summary>automatic or manual capture.</summary>
    [Description("automatic (default) or manual to only authorise now and capture later.")]
    public string? CaptureMethod { get; init; }

    /// <summary>Where the receipt goes.</summary>
    [Description("E-mail address to send the receipt to.")]
    public string? ReceiptEmail { get; init; }

    /// <summary>Key-value metadata.</summary>
    [Description("Your own key-value pairs to attach, like an order id.")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

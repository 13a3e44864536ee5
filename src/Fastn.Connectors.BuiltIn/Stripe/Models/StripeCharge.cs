using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>A Stripe <c>charge</c> object: one attempt to move money from a payment method.</summary>
public sealed record StripeCharge
{
    /// <summary>Stripe's id, <c>ch_…</c>.</summary>
    [Description("Stripe's charge id, like ch_3MmlLrLkdIwHu7ix0snN0B15.")]
    public required string Id { get; init; }

    /// <summary>Always <c>charge</c>.</summary>
    [Description("The object type, always \"charge\".")]
    public string? Object { get; init; }

    /// <summary>Amount, minor units.</summary>
    [Description("Amount charged, in the smallest currency unit.")]
    public long Amount { get; init; }

    /// <summary>Amount captured, minor units.</summary>
    [Description("Amount captured, in the smallest currency unit.")]
    public long? AmountCaptured { get; init; }

    /// <summary>Amount refunded, minor units.</summary>
    [Description("Amount refunded so far, in the smallest currency unit.")]
    public long? AmountRefunded { get; init; }

    /// <summary>Lower-case ISO currency.</summary>
    [Description("Three-letter ISO currency code, lower-case.")]
    public required string Currency { get; init; }

    /// <summary>succeeded, pending or failed.</summary>
    [Description("succeeded, pending or failed.")]
    public required string Status { get; init; }

    /// <summary>Whether the charge succeeded.</summary>
    [Description("True when the charge succeeded or was authorised for later capture.")]
    public bool Paid { get; init; }

    /// <summary>Whether it is fully refunded.</summary>
    [Description("True when the charge is fully refunded.")]
    public bool Refunded { get; init; }

    /// <summary>Whether it is captured.</summary>
    [Description("True when the charge is captured.")]
    public bool Captured { get; init; }

    /// <summary>The paying customer's id.</summary>
    [Description("Id of the customer (cus_…) charged.")]
    public string? Customer { get; init; }

    /// <summary>Free-text description.</summary>
    [Description("An arbitrary description.")]
    public string? Description { get; init; }

    /// <summary>The invoice it pays.</summary>
    [Description("Id of the invoice (in_…) this charge pays, if any.")]
    public string? Invoice { get; init; }

    /// <summary>The payment intent it belongs to.</summary>
    [Description("Id of the payment intent (pi_…) this charge belongs to.")]
    public string? PaymentIntent { get; init; }

    /// <summary>The payment method's id.</summary>
    [Description("Id of the payment method (pm_…) charged.")]
    public string? PaymentMethod { get; init; }

    /// <summary>How it was paid.</summary>
    [Description("Details of the payment method, with its type.")]
    public StripePaymentMethodDetails? PaymentMethodDetails { get; init; }

    /// <summary>Why it failed.</summary>
    [Description("Error code explaining why the charge failed, like card_declined.")]
    public string? FailureCode { get; init; }

    /// <summary>Why it failed, in words.</summary>
    [Description("Message explaining why the charge failed.")]
    public string? FailureMessage { get; init; }

    /// <summary>The receipt page.</summary>
    [Description("URL of the charge's receipt page.")]
    public string? ReceiptUrl { get; init; }

    /// <summary>Creation time, Unix seconds.</summary>
    [Description("When the charge was created, in seconds since the Unix epoch.")]
    public long Created { get; init; }

    /// <summary>Live or test mode.</summary>
    [Description("True in live mode, false in test mode.")]
    public bool Livemode { get; init; }

    /// <summary>Key-value metadata.</summary>
    [Description("Your own key-value pairs attached to the charge.")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>A Stripe <c>payment_intent</c> object.</summary>
public sealed record StripePaymentIntent
{
    /// <summary>Stripe's id, <c>pi_…</c>.</summary>
    [Description("Stripe's payment intent id, like pi_3MtwBwLkdIwHu7ix28a3tqPa.")]
    public required string Id { get; init; }

    /// <summary>Always <c>payment_intent</c>.</summary>
    [Description("The object type, always \"payment_intent\".")]
    public string? Object { get; init; }

    /// <summary>Amount to collect, minor units.</summary>
    [Description("Amount intended to be collected, in the smallest currency unit (1099 = $10.99).")]
    public long Amount { get; init; }

    /// <summary>Amount received, minor units.</summary>
    [Description("Amount that was collected, in the smallest currency unit.")]
    public long? AmountReceived { get; init; }

    /// <summary>Amount that can be captured, minor units.</summary>
    [Description("Amount that can be captured, in the smallest currency unit.")]
    public long? AmountCapturable { get; init; }

    /// <summary>Lower-case ISO currency.</summary>
    [Description("Three-letter ISO currency code, lower-case.")]
    public required string Currency { get; init; }

    /// <summary>requires_payment_method, requires_confirmation, requires_action, processing, requires_capture, canceled or succeeded.</summary>
    [Description("Status: requires_payment_method, requires_confirmation, requires_action, processing, requires_capture, canceled or succeeded.")]
    public required string Status { get; init; }

    /// <summary>The paying customer's id.</summary>
    [Description("Id of the customer (cus_…) the payment belongs to.")]
    public string? Customer { get; init; }

    /// <summary>Free-text description.</summary>
    [Description("An arbitrary description shown to you.")]
    public string? Description { get; init; }

    /// <summary>The payment method's id.</summary>
    [Description("Id of the payment method (pm_…) attached to the payment.")]
    public string? PaymentMethod { get; init; }

    /// <summary>Allowed payment method types.</summary>
    [Description("Payment method types the payment may use, like card.")]
    public IReadOnlyList<string>? PaymentMethodTypes { get; init; }

    /// <summary>The latest charge's id.</summary>
    [Description("Id of the latest charge (ch_…) made for the payment.")]
    public string? LatestCharge { get; init; }

    /// <summary>The invoice the payment pays.</summary>
    [Description("Id of the invoice (in_…) the payment pays, if any.")]
    public string? Invoice { get; init; }

    /// <summary>The secret a client uses to complete the payment.</summary>
    [Description("The client secret to complete the payment from a browser or app with Stripe.js.")]
    public string? ClientSecret { get; init; }

    /// <summary>Where the receipt goes.</summary>
    [Description("E-mail address the receipt is sent to.")]
    public string? ReceiptEmail { get; init; }

    /// <summary>automatic or manual capture.</summary>
    [Description("automatic or manual capture.")]
    public string? CaptureMethod { get; init; }

    /// <summary>The last payment attempt's error.</summary>
    [Description("The error of the last payment attempt, if it failed.")]
    public StripeErrorDetail? LastPaymentError { get; init; }

    /// <summary>Creation time, Unix seconds.</summary>
    [Description("When the payment intent was created, in seconds since the Unix epoch.")]
    public long Created { get; init; }

    /// <summary>Live or test mode.</summary>
    [Description("True in live mode, false in test mode.")]
    public bool Livemode { get; init; }

    /// <summary>Key-value metadata.</summary>
    [Description("Your own key-value pairs attached to the payment.")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

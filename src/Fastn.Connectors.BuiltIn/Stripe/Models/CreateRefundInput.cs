using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>Input of <c>create_refund</c> (<c>POST /v1/refunds</c>): give a payment intent or a charge.</summary>
public sealed record CreateRefundInput
{
    /// <summary>The payment intent to refund.</summary>
    [Description("Id of the payment intent to refund (pi_…); give this or charge.")]
    public string? PaymentIntent { get; init; }

    /// <summary>The charge to refund.</summary>
    [Description("Id of the charge to refund (ch_…); give this or payment_intent.")]
    public string? Charge { get; init; }

    /// <summary>Part to refund, minor units.</summary>
    [Description("Amount to refund in the smallest currency unit; leave out to refund everything not yet refunded.")]
    public long? Amount { get; init; }

    /// <summary>duplicate, fraudulent or requested_by_customer.</summary>
    [Description("Why: duplicate, fraudulent or requested_by_customer.")]
    public string? Reason { get; init; }

    /// <summary>Key-value metadata.</summary>
    [Description("Your own key-value pairs to attach.")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>A Stripe <c>refund</c> object.</summary>
public sealed record StripeRefund
{
    /// <summary>Stripe's id, <c>re_…</c>.</summary>
    [Description("Stripe's refund id, like re_1Nispe2eZvKYlo2Cd31jOCgZ.")]
    public required string Id { get; init; }

    /// <summary>Always <c>refund</c>.</summary>
    [Description("The object type, always \"refund\".")]
    public string? Object { get; init; }

    /// <summary>Amount refunded, minor units.</summary>
    [Description("Amount refunded, in the smallest currency unit.")]
    public long Amount { get; init; }

    /// <summary>Lower-case ISO currency.</summary>
    [Description("Three-letter ISO currency code, lower-case.")]
    public required string Currency { get; init; }

    /// <summary>The refunded charge.</summary>
    [Description("Id of the refunded charge (ch_…).")]
    public string? Charge { get; init; }

    /// <summary>The refunded payment intent.</summary>
    [Description("Id of the refunded payment intent (pi_…).")]
    public string? PaymentIntent { get; init; }

    /// <summary>duplicate, fraudulent or requested_by_customer.</summary>
    [Description("Why the refund was made: duplicate, fraudulent or requested_by_customer.")]
    public string? Reason { get; init; }

    /// <summary>pending, requires_action, succeeded, failed or canceled.</summary>
    [Description("pending, requires_action, succeeded, failed or canceled.")]
    public string? Status { get; init; }

    /// <summary>Creation time, Unix seconds.</summary>
    [Description("When the refund was created, in seconds since the Unix epoch.")]
    public long Created { get; init; }

    /// <summary>Key-value metadata.</summary>
    [Description("Your own key-value pairs attached to the refund.")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>An invoice's <c>status_transitions</c>: when it was finalised, paid, voided or written off (Unix seconds).</summary>
public sealed record StripeInvoiceStatusTransitions
{
    /// <summary>When it was finalised (issued).</summary>
    [Description("When the invoice was finalised, in seconds since the Unix epoch.")]
    public long? FinalizedAt { get; init; }

    /// <summary>When it was paid.</summary>
    [Description("When the invoice was paid, in seconds since the Unix epoch.")]
    public long? PaidAt { get; init; }

    /// <summary>When it was voided.</summary>
    [Description("When the invoice was voided, in seconds since the Unix epoch.")]
    public long? VoidedAt { get; init; }

    /// <summary>When it was marked uncollectible.</summary>
    [Description("When the invoice was marked uncollectible, in seconds since the Unix epoch.")]
    public long? MarkedUncollectibleAt { get; init; }
}

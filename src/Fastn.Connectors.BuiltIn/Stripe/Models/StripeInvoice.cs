using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>A Stripe <c>invoice</c> object.</summary>
public sealed record StripeInvoice
{
    /// <summary>Stripe's id, <c>in_…</c>.</summary>
    [Description("Stripe's invoice id, like in_1MtHbELkdIwHu7ixl4OzzPMv.")]
    public required string Id { get; init; }

    /// <summary>Always <c>invoice</c>.</summary>
    [Description("The object type, always \"invoice\".")]
    public string? Object { get; init; }

    /// <summary>The number printed on the invoice (set when finalised).</summary>
    [Description("The number on the invoice, like 8F1A2B3C-0001; set when the invoice is finalised.")]
    public string? Number { get; init; }

    /// <summary>The billed customer.</summary>
    [Description("Id of the billed customer (cus_…).")]
    public string? Customer { get; init; }

    /// <summary>draft, open, paid, uncollectible or void.</summary>
    [Description("draft, open, paid, uncollectible or void.")]
    public string? Status { get; init; }

    /// <summary>Lower-case ISO currency.</summary>
    [Description("Three-letter ISO currency code, lower-case.")]
    public required string Currency { get; init; }

    /// <summary>Free-text memo.</summary>
    [Description("The memo shown on the invoice.")]
    public string? Description { get; init; }

    /// <summary>charge_automatically or send_invoice.</summary>
    [Description("charge_automatically or send_invoice.")]
    public string? CollectionMethod { get; init; }

    /// <summary>The invoice's lines (first page).</summary>
    [Description("The invoice's line items (the first page of them).")]
    public StripeInvoiceLineList? Lines { get; init; }

    /// <summary>Total before discounts and tax, minor units.</summary>
    [Description("Total of all lines before discounts and tax, in the smallest currency unit.")]
    public long Subtotal { get; init; }

    /// <summary>Tax, minor units.</summary>
    [Description("Tax on the invoice, in the smallest currency unit.")]
    public long? Tax { get; init; }

    /// <summary>Total, minor units.</summary>
    [Description("Total after discounts and tax, in the smallest currency unit.")]
    public long Total { get; init; }

    /// <summary>Amount due, minor units.</summary>
    [Description("Final amount due, in the smallest currency unit.")]
    public long AmountDue { get; init; }

    /// <summary>Amount paid, minor units.</summary>
    [Description("Amount paid, in the smallest currency unit.")]
    public long AmountPaid { get; init; }

    /// <summary>Amount remaining, minor units.</summary>
    [Description("Amount still to pay, in the smallest currency unit.")]
    public long AmountRemaining { get; init; }

    /// <summary>Whether it is paid.</summary>
    [Description("True when the invoice is paid.")]
    public bool Paid { get; init; }

    /// <summary>Due date, Unix seconds (send_invoice only).</summary>
    [Description("When payment is due, in seconds since the Unix epoch (send_invoice only).")]
    public long? DueDate { get; init; }

    /// <summary>The customer-facing invoice page.</summary>
    [Description("URL of the customer-facing invoice page (set when finalised).")]
    public string? HostedInvoiceUrl { get; init; }

    /// <summary>When the status changed.</summary>
    [Description("When the invoice was finalised, paid, voided or marked uncollectible.")]
    public StripeInvoiceStatusTransitions? StatusTransitions { get; init; }

    /// <summary>Creation time, Unix seconds.</summary>
    [Description("When the invoice was created, in seconds since the Unix epoch.")]
    public long Created { get; init; }

    /// <summary>Live or test mode.</summary>
    [Description("True in live mode, false in test mode.")]
    public bool Livemode { get; init; }

    /// <summary>Key-value metadata.</summary>
    [Description("Your own key-value pairs attached to the invoice.")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>Input of <c>create_invoice</c>: a draft invoice (<c>POST /v1/invoices</c>) and its lines (<c>POST /v1/invoiceitems</c>).</summary>
public sealed record CreateInvoiceInput
{
    /// <summary>The billed customer.</summary>
    [Description("Id of the customer to bill (cus_…).")]
    public required string Customer { get; init; }

    /// <summary>Lower-case ISO currency.</summary>
    [Description("Three-letter ISO currency code of the invoice and its lines (default usd).")]
    public string? Currency { get; init; }

    /// <summary>Memo.</summary>
    [Description("The memo shown on the invoice.")]
    public string? Description { get; init; }

    /// <summary>charge_automatically or send_invoice.</summary>
    [Description("charge_automatically (default) charges the customer's default payment method; send_invoice e-mails the invoice.")]
    public string? CollectionMethod { get; init; }

    /// <summary>Days until due (send_invoice).</summary>
    [Description("With send_invoice: the number of days until the invoice is due.")]
    public int? DaysUntilDue { get; init; }

    /// <summary>Let Stripe finalise and collect it automatically.</summary>
    [Description("Let Stripe finalise the draft after about an hour and attempt payment (default true).")]
    public bool? AutoAdvance { get; init; }

    /// <summary>The lines.</summary>
    [Description("The invoice lines, each added as an invoice item.")]
    public IReadOnlyList<InvoiceLineInput> Items { get; init; } = [];

    /// <summary>Key-value metadata.</summary>
    [Description("Your own key-value pairs to attach.")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Xero.Models;

/// <summary>A Xero invoice (sales invoice ACCREC or bill ACCPAY).</summary>
public sealed record XeroInvoice
{
    /// <summary>ACCREC (sales invoice) or ACCPAY (bill).</summary>
    [Description("ACCREC for a sales invoice, ACCPAY for a bill.")]
    public string? Type { get; init; }

    /// <summary>Xero's id of the invoice.</summary>
    [JsonPropertyName("InvoiceID"), Description("Xero identifier of the invoice (a GUID).")]
    public string InvoiceId { get; init; } = "";

    /// <summary>The invoice number (INV-0042).</summary>
    [Description("Invoice number, e.g. INV-0042.")]
    public string? InvoiceNumber { get; init; }

    /// <summary>Reference shown on the invoice.</summary>
    [Description("Reference (ACCREC) shown on the invoice.")]
    public string? Reference { get; init; }

    /// <summary>The contact billed.</summary>
    [Description("The contact billed (ContactID and Name).")]
    public XeroContact? Contact { get; init; }

    /// <summary>Issue date, <c>/Date(ms+0000)/</c>.</summary>
    [Description("Issue date in Xero's /Date(milliseconds+0000)/ format.")]
    public string? Date { get; init; }

    /// <summary>Due date, <c>/Date(ms+0000)/</c>.</summary>
    [Description("Due date in Xero's /Date(milliseconds+0000)/ format.")]
    public string? DueDate { get; init; }

    /// <summary>DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED or DELETED.</summary>
    [Description("DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED or DELETED.")]
    public string? Status { get; init; }

    /// <summary>Exclusive, Inclusive or NoTax.</summary>
    [Description("Whether line amounts are Exclusive or Inclusive of tax, or NoTax.")]
    public string? LineAmountTypes { get; init; }

    /// <summary>The lines.</summary>
    [Description("The invoice lines.")]
    public IReadOnlyList<XeroLineItem>? LineItems { get; init; }

    /// <summary>Total before tax.</summary>
    [Description("Total of the lines before tax.")]
    public decimal? SubTotal { get; init; }

    /// <summary>Total tax.</summary>
    [Description("Total tax.")]
    public decimal? TotalTax { get; init; }

    /// <summary>Total including tax.</summary>
    [Description("Total including tax.")]
    public decimal? Total { get; init; }

    /// <summary>Amount still due.</summary>
    [Description("Amount still due.")]
    public decimal? AmountDue { get; init; }

    /// <summary>Amount paid.</summary>
    [Description("Amount paid so far.")]
    public decimal? AmountPaid { get; init; }

    /// <summary>Amount credited.</summary>
    [Description("Amount credited by credit notes.")]
    public decimal? AmountCredited { get; init; }

    /// <summary>Currency.</summary>
    [Description("ISO 4217 currency code.")]
    public string? CurrencyCode { get; init; }

    /// <summary>When the invoice was fully paid.</summary>
    [Description("When the invoice was fully paid, /Date(milliseconds+0000)/.")]
    public string? FullyPaidOnDate { get; init; }

    /// <summary>Whether the invoice was sent to the contact.</summary>
    [Description("Whether the invoice was e-mailed to the contact.")]
    public bool? SentToContact { get; init; }

    /// <summary>Last change, <c>/Date(ms+0000)/</c>.</summary>
    [JsonPropertyName("UpdatedDateUTC"), Description("When the invoice last changed, in Xero's /Date(milliseconds+0000)/ format.")]
    public string? UpdatedDateUtc { get; init; }
}

/// <summary>One line of a Xero invoice.</summary>
public sealed record XeroLineItem
{
    /// <summary>Id of the line.</summary>
    [JsonPropertyName("LineItemID"), Description("Xero identifier of the line.")]
    public string? LineItemId { get; init; }

    /// <summary>What the line bills for.</summary>
    [Description("What the line bills for.")]
    public string? Description { get; init; }

    /// <summary>Quantity.</summary>
    [Description("Quantity.")]
    public decimal? Quantity { get; init; }

    /// <summary>Unit price.</summary>
    [Description("Unit price.")]
    public decimal? UnitAmount { get; init; }

    /// <summary>Item code.</summary>
    [Description("Code of the Xero item sold, if any.")]
    public string? ItemCode { get; init; }

    /// <summary>Account code.</summary>
    [Description("Revenue (or expense) account code, e.g. 200.")]
    public string? AccountCode { get; init; }

    /// <summary>Tax type.</summary>
    [Description("Tax type, e.g. OUTPUT2, NONE.")]
    public string? TaxType { get; init; }

    /// <summary>Tax on the line.</summary>
    [Description("Tax amount of the line.")]
    public decimal? TaxAmount { get; init; }

    /// <summary>Line amount.</summary>
    [Description("Line amount: quantity × unit amount less discount.")]
    public decimal? LineAmount { get; init; }

    /// <summary>Discount percentage.</summary>
    [Description("Discount percentage.")]
    public decimal? DiscountRate { get; init; }
}

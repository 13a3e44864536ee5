using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.QuickBooks.Models;

/// <summary>A QuickBooks Online invoice.</summary>
public sealed record QuickBooksInvoice
{
    /// <summary>The invoice's Id.</summary>
    [Description("The invoice's Id.")]
    public string? Id { get; init; }

    /// <summary>Version for optimistic locking.</summary>
    [Description("Version for optimistic locking.")]
    public string? SyncToken { get; init; }

    /// <summary>Invoice number.</summary>
    [Description("The invoice number shown to the customer.")]
    public string? DocNumber { get; init; }

    /// <summary>Transaction date (yyyy-MM-dd).</summary>
    [Description("Invoice date, yyyy-MM-dd.")]
    public string? TxnDate { get; init; }

    /// <summary>Due date (yyyy-MM-dd).</summary>
    [Description("Due date, yyyy-MM-dd.")]
    public string? DueDate { get; init; }

    /// <summary>The billed customer.</summary>
    [Description("The billed customer.")]
    public QuickBooksRef? CustomerRef { get; init; }

    /// <summary>The lines (sales item lines and a subtotal line).</summary>
    [Description("Invoice lines: SalesItemLineDetail lines and one SubTotalLineDetail line.")]
    public IReadOnlyList<QuickBooksLine>? Line { get; init; }

    /// <summary>Tax summary.</summary>
    [Description("Tax summary.")]
    public QuickBooksTaxDetail? TxnTaxDetail { get; init; }

    /// <summary>Total including tax.</summary>
    [Description("Total amount including tax.")]
    public decimal? TotalAmt { get; init; }

    /// <summary>Amount still owed.</summary>
    [Description("Amount still owed.")]
    public decimal? Balance { get; init; }

    /// <summary>Currency.</summary>
    [Description("Currency of the amounts.")]
    public QuickBooksRef? CurrencyRef { get; init; }

    /// <summary>Where the invoice is e-mailed.</summary>
    [Description("Where the invoice is e-mailed.")]
    public QuickBooksEmail? BillEmail { get; init; }

    /// <summary>Internal note.</summary>
    [Description("Private note, not shown to the customer.")]
    public string? PrivateNote { get; init; }

    /// <summary>Creation and change times.</summary>
    [Description("Creation and last-change times.")]
    public QuickBooksMetaData? MetaData { get; init; }
}

/// <summary>One invoice line.</summary>
public sealed record QuickBooksLine
{
    /// <summary>The line's Id.</summary>
    [Description("The line's Id.")]
    public string? Id { get; init; }

    /// <summary>Line number.</summary>
    [Description("Line number.")]
    public int? LineNum { get; init; }

    /// <summary>Description.</summary>
    [Description("What the line bills for.")]
    public string? Description { get; init; }

    /// <summary>Line amount before tax.</summary>
    [Description("Line amount before tax.")]
    public decimal? Amount { get; init; }

    /// <summary><c>SalesItemLineDetail</c> or <c>SubTotalLineDetail</c>.</summary>
    [Description("SalesItemLineDetail or SubTotalLineDetail.")]
    public string? DetailType { get; init; }

    /// <summary>Item, quantity and unit price of a sales line.</summary>
    [Description("Item, quantity and unit price of a sales line.")]
    public QuickBooksSalesItemLineDetail? SalesItemLineDetail { get; init; }
}

/// <summary>A sales line's item, quantity and price.</summary>
public sealed record QuickBooksSalesItemLineDetail
{
    /// <summary>The item sold.</summary>
    [Description("The item sold.")]
    public QuickBooksRef? ItemRef { get; init; }

    /// <summary>Quantity.</summary>
    [Description("Quantity.")]
    public decimal? Qty { get; init; }

    /// <summary>Unit price.</summary>
    [Description("Unit price.")]
    public decimal? UnitPrice { get; init; }
}

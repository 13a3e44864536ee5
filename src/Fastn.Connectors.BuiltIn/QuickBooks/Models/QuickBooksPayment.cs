using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.QuickBooks.Models;

/// <summary>A QuickBooks Online customer payment.</summary>
public sealed record QuickBooksPayment
{
    /// <summary>The payment's Id.</summary>
    [Description("The payment's Id.")]
    public string? Id { get; init; }

    /// <summary>Version for optimistic locking.</summary>
    [Description("Version for optimistic locking.")]
    public string? SyncToken { get; init; }

    /// <summary>Payment date.</summary>
    [Description("Payment date, yyyy-MM-dd.")]
    public string? TxnDate { get; init; }

    /// <summary>Amount received.</summary>
    [Description("Total amount received.")]
    public decimal? TotalAmt { get; init; }

    /// <summary>Amount not applied to any invoice.</summary>
    [Description("Amount not applied to an invoice.")]
    public decimal? UnappliedAmt { get; init; }

    /// <summary>The paying customer.</summary>
    [Description("The paying customer.")]
    public QuickBooksRef? CustomerRef { get; init; }

    /// <summary>How it was paid.</summary>
    [Description("Payment method (cash, check, card).")]
    public QuickBooksRef? PaymentMethodRef { get; init; }

    /// <summary>Reference number (check number).</summary>
    [Description("Reference number, e.g. a check number.")]
    public string? PaymentRefNum { get; init; }

    /// <summary>Internal note.</summary>
    [Description("Private note.")]
    public string? PrivateNote { get; init; }

    /// <summary>Currency.</summary>
    [Description("Currency.")]
    public QuickBooksRef? CurrencyRef { get; init; }

    /// <summary>The invoices the payment applies to.</summary>
    [Description("Lines applying the payment to invoices.")]
    public IReadOnlyList<QuickBooksPaymentLine>? Line { get; init; }

    /// <summary>Creation and change times.</summary>
    [Description("Creation and last-change times.")]
    public QuickBooksMetaData? MetaData { get; init; }
}

/// <summary>The part of a payment applied to transactions.</summary>
public sealed record QuickBooksPaymentLine
{
    /// <summary>Amount applied.</summary>
    [Description("Amount applied.")]
    public decimal? Amount { get; init; }

    /// <summary>The transactions it applies to.</summary>
    [Description("The transactions (invoices) it applies to.")]
    public IReadOnlyList<QuickBooksLinkedTxn>? LinkedTxn { get; init; }
}

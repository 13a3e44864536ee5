using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.QuickBooks.Models;

/// <summary>No input.</summary>
public sealed record QuickBooksEmptyInput;

/// <summary>Paging and change filter shared by the query actions.</summary>
public abstract record QuickBooksQueryInput
{
    /// <summary>Only records changed at or after this time.</summary>
    [Description("Only records changed at or after this time (Metadata.LastUpdatedTime >= ...).")]
    public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary>1-based position of the first record.</summary>
    [Description("1-based position of the first record (default 1); pass NextStartPosition for the next page.")]
    public int? StartPosition { get; init; }

    /// <summary>Page size, 1-1000.</summary>
    [Description("Page size, 1 to 1000 (default 100).")]
    public int? MaxResults { get; init; }
}

/// <summary>Input of <c>query_customers</c>.</summary>
public sealed record QueryCustomersInput : QuickBooksQueryInput
{
    /// <summary>Exact display name.</summary>
    [Description("Only the customer with exactly this DisplayName.")]
    public string? DisplayName { get; init; }

    /// <summary>Display-name prefix.</summary>
    [Description("Only customers whose DisplayName starts with this text.")]
    public string? NameStartsWith { get; init; }

    /// <summary>Include inactive customers.</summary>
    [Description("Only active customers when true, only inactive when false; all active ones when left out (QuickBooks' default).")]
    public bool? Active { get; init; }
}

/// <summary>Input of <c>query_invoices</c>.</summary>
public sealed record QueryInvoicesInput : QuickBooksQueryInput
{
    /// <summary>Only this customer's invoices.</summary>
    [Description("Only invoices of this customer Id.")]
    public string? CustomerId { get; init; }

    /// <summary>Only invoices with an open balance.</summary>
    [Description("Only invoices with a balance still owed.")]
    public bool? UnpaidOnly { get; init; }
}

/// <summary>Input of <c>query_items</c>.</summary>
public sealed record QueryItemsInput : QuickBooksQueryInput
{
    /// <summary>Exact name.</summary>
    [Description("Only the item with exactly this Name.")]
    public string? Name { get; init; }

    /// <summary>Item type.</summary>
    [Description("Only items of this Type: Inventory, NonInventory or Service.")]
    public string? Type { get; init; }
}

/// <summary>Input of <c>get_customer</c>.</summary>
public sealed record GetCustomerInput
{
    /// <summary>The customer Id.</summary>
    [Description("The customer's Id.")]
    public required string CustomerId { get; init; }
}

/// <summary>Input of <c>get_invoice</c>.</summary>
public sealed record GetInvoiceInput
{
    /// <summary>The invoice Id.</summary>
    [Description("The invoice's Id.")]
    public required string InvoiceId { get; init; }
}

/// <summary>Input of <c>create_customer</c>.</summary>
public sealed record CreateCustomerInput
{
    /// <summary>Unique display name.</summary>
    [Description("Name shown in QuickBooks; must be unique among customers, vendors and employees.")]
    public required string DisplayName { get; init; }

    /// <summary>Given name.</summary>
    [Description("Given (first) name.")]
    public string? GivenName { get; init; }

    /// <summary>Family name.</summary>
    [Description("Family (last) name.")]
    public string? FamilyName { get; init; }

    /// <summary>Company name.</summary>
    [Description("Company name.")]
    public string? CompanyName { get; init; }

    /// <summary>E-mail.</summary>
    [Description("Primary e-mail address.")]
    public string? Email { get; init; }

    /// <summary>Phone.</summary>
    [Description("Primary phone number.")]
    public string? Phone { get; init; }

    /// <summary>Billing address.</summary>
    [Description("Billing address.")]
    public QuickBooksAddress? BillAddr { get; init; }

    /// <summary>Notes.</summary>
    [Description("Free-form notes.")]
    public string? Notes { get; init; }
}

/// <summary>Input of <c>update_customer</c> (a sparse update).</summary>
public sealed record UpdateCustomerInput
{
    /// <summary>The customer Id.</summary>
    [Description("The customer's Id.")]
    public required string CustomerId { get; init; }

    /// <summary>The SyncToken last read.</summary>
    [Description("The SyncToken last read (get_customer); a stale one fails with a Stale Object Error.")]
    public required string SyncToken { get; init; }

    /// <summary>New display name.</summary>
    [Description("New display name.")]
    public string? DisplayName { get; init; }

    /// <summary>New given name.</summary>
    [Description("New given name.")]
    public string? GivenName { get; init; }

    /// <summary>New family name.</summary>
    [Description("New family name.")]
    public string? FamilyName { get; init; }

    /// <summary>New company name.</summary>
    [Description("New company name.")]
    public string? CompanyName { get; init; }

    /// <summary>New e-mail.</summary>
    [Description("New primary e-mail.")]
    public string? Email { get; init; }

    /// <summary>New phone.</summary>
    [Description("New primary phone.")]
    public string? Phone { get; init; }

    /// <summary>New billing address (replaces the old one).</summary>
    [Description("New billing address (replaces the old one).")]
    public QuickBooksAddress? BillAddr { get; init; }

    /// <summary>New notes.</summary>
    [Description("New notes.")]
    public string? Notes { get; init; }

    /// <summary>Make the customer active or inactive.</summary>
    [Description("false makes the customer inactive (QuickBooks' delete); true restores it.")]
    public bool? Active { get; init; }
}

/// <summary>Input of <c>create_invoice</c>.</summary>
public sealed record CreateInvoiceInput
{
    /// <summary>The billed customer Id.</summary>
    [Description("Id of the customer to bill.")]
    public required string CustomerId { get; init; }

    /// <summary>Lines.</summary>
    [Description("At least one line.")]
    public required IReadOnlyList<CreateInvoiceLine> Lines { get; init; }

    /// <summary>Invoice date.</summary>
    [Description("Invoice date (default today in the company's time zone).")]
    public DateOnly? TxnDate { get; init; }

    /// <summary>Due date.</summary>
    [Description("Due date (default from the customer's terms).")]
    public DateOnly? DueDate { get; init; }

    /// <summary>Invoice number.</summary>
    [Description("Invoice number; QuickBooks assigns the next one when left out and custom numbers are off.")]
    public string? DocNumber { get; init; }

    /// <summary>Where to e-mail it.</summary>
    [Description("E-mail address to send the invoice to.")]
    public string? BillEmail { get; init; }

    /// <summary>Private note.</summary>
    [Description("Private note, not shown to the customer.")]
    public string? PrivateNote { get; init; }
}

/// <summary>One line of <see cref="CreateInvoiceInput"/>.</summary>
public sealed record CreateInvoiceLine
{
    /// <summary>Line amount.</summary>
    [Description("Line amount before tax (Qty × UnitPrice when both are given).")]
    public required decimal Amount { get; init; }

    /// <summary>Item Id.</summary>
    [Description("Id of the item (product or service) sold; QuickBooks uses item 1 (Services) when left out.")]
    public string? ItemId { get; init; }

    /// <summary>Description.</summary>
    [Description("What the line bills for.")]
    public string? Description { get; init; }

    /// <summary>Quantity.</summary>
    [Description("Quantity.")]
    public decimal? Qty { get; init; }

    /// <summary>Unit price.</summary>
    [Description("Unit price.")]
    public decimal? UnitPrice { get; init; }
}

/// <summary>Input of <c>create_payment</c>.</summary>
public sealed record CreatePaymentInput
{
    /// <summary>The paying customer Id.</summary>
    [Description("Id of the paying customer.")]
    public required string CustomerId { get; init; }

    /// <summary>Amount received.</summary>
    [Description("Total amount received.")]
    public required decimal TotalAmt { get; init; }

    /// <summary>Invoice to apply it to.</summary>
    [Description("Id of an invoice of the customer to apply the whole amount to; left out, the payment stays unapplied.")]
    public string? InvoiceId { get; init; }

    /// <summary>Payment date.</summary>
    [Description("Payment date (default today).")]
    public DateOnly? TxnDate { get; init; }

    /// <summary>Reference number.</summary>
    [Description("Reference number, e.g. a check number.")]
    public string? PaymentRefNum { get; init; }

    /// <summary>Private note.</summary>
    [Description("Private note.")]
    public string? PrivateNote { get; init; }
}

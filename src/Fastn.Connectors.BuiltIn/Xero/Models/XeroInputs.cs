using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Xero.Models;

/// <summary>What every Xero action accepts: the organisation to act on, when the connection has none chosen.</summary>
public abstract record XeroInput
{
    /// <summary>The tenant (organisation) id; used only when the connection has no <c>xero-tenant-id</c>.</summary>
    [Description("Xero tenant (organisation) id. Used only when the connection has no xero-tenant-id chosen; otherwise the first organisation from GET /connections is used.")]
    public string? XeroTenantId { get; init; }
}

/// <summary>Input of <c>get_organisation</c>.</summary>
public sealed record GetOrganisationInput : XeroInput;

/// <summary>Input of <c>list_contacts</c>.</summary>
public sealed record ListContactsInput : XeroInput
{
    /// <summary>1-based page of up to 100 contacts.</summary>
    [Description("1-based page number; each page holds up to 100 contacts. Default 1.")]
    public int? Page { get; init; }

    /// <summary>Only contacts changed since this instant (If-Modified-Since).</summary>
    [Description("Only contacts created or changed since this instant (sent as If-Modified-Since).")]
    public DateTimeOffset? ModifiedSince { get; init; }

    /// <summary>Xero filter expression.</summary>
    [Description("Xero filter expression, e.g. ContactStatus==\"ACTIVE\" or EmailAddress==\"ada@example.com\".")]
    public string? Where { get; init; }

    /// <summary>Sort order.</summary>
    [Description("Sort order, e.g. \"Name ASC\" or \"UpdatedDateUTC DESC\".")]
    public string? Order { get; init; }

    /// <summary>Include archived contacts.</summary>
    [Description("Include ARCHIVED contacts.")]
    public bool? IncludeArchived { get; init; }
}

/// <summary>A page of contacts.</summary>
public sealed record XeroContactList
{
    /// <summary>The contacts.</summary>
    [Description("The contacts on this page.")]
    public IReadOnlyList<XeroContact> Contacts { get; init; } = [];

    /// <summary>This page's number.</summary>
    [Description("The page returned.")]
    public int Page { get; init; }

    /// <summary>The next page, or null on the last page.</summary>
    [Description("The page to ask for next, or null when this was the last page.")]
    public int? NextPage { get; init; }
}

/// <summary>Input of <c>get_contact</c>.</summary>
public sealed record GetContactInput : XeroInput
{
    /// <summary>The contact id.</summary>
    [JsonPropertyName("ContactID"), Description("Xero identifier of the contact.")]
    public required string ContactId { get; init; }
}

/// <summary>Input of <c>create_contact</c>.</summary>
public sealed record CreateContactInput : XeroInput
{
    /// <summary>Full name; must be unique among active contacts.</summary>
    [Description("Full name of the contact or organisation; must be unique among active contacts.")]
    public required string Name { get; init; }

    /// <summary>First name.</summary>
    [Description("First name of the contact person.")]
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    [Description("Last name of the contact person.")]
    public string? LastName { get; init; }

    /// <summary>E-mail.</summary>
    [Description("E-mail address of the contact person.")]
    public string? EmailAddress { get; init; }

    /// <summary>External id.</summary>
    [Description("Identifier from your own system, up to 50 characters.")]
    public string? ContactNumber { get; init; }

    /// <summary>Account number.</summary>
    [Description("User-defined account number.")]
    public string? AccountNumber { get; init; }

    /// <summary>Tax number.</summary>
    [Description("Tax number (ABN, GST, VAT, tax ID).")]
    public string? TaxNumber { get; init; }

    /// <summary>Website.</summary>
    [Description("Website address.")]
    public string? Website { get; init; }

    /// <summary>Default currency.</summary>
    [Description("Default ISO 4217 currency for the contact.")]
    public string? DefaultCurrency { get; init; }

    /// <summary>Addresses.</summary>
    [Description("Addresses (STREET, POBOX).")]
    public IReadOnlyList<XeroAddress>? Addresses { get; init; }

    /// <summary>Phones.</summary>
    [Description("Phone numbers (DEFAULT, DDI, MOBILE, FAX).")]
    public IReadOnlyList<XeroPhone>? Phones { get; init; }
}

/// <summary>Input of <c>update_contact</c>: fields left out stay as they are.</summary>
public sealed record UpdateContactInput : XeroInput
{
    /// <summary>The contact to change.</summary>
    [JsonPropertyName("ContactID"), Description("Xero identifier of the contact to change.")]
    public required string ContactId { get; init; }

    /// <summary>New name.</summary>
    [Description("New full name; must stay unique among active contacts.")]
    public string? Name { get; init; }

    /// <summary>New first name.</summary>
    [Description("New first name.")]
    public string? FirstName { get; init; }

    /// <summary>New last name.</summary>
    [Description("New last name.")]
    public string? LastName { get; init; }

    /// <summary>New e-mail.</summary>
    [Description("New e-mail address.")]
    public string? EmailAddress { get; init; }

    /// <summary>New external id.</summary>
    [Description("New identifier from your own system.")]
    public string? ContactNumber { get; init; }

    /// <summary>New account number.</summary>
    [Description("New account number.")]
    public string? AccountNumber { get; init; }

    /// <summary>New tax number.</summary>
    [Description("New tax number.")]
    public string? TaxNumber { get; init; }

    /// <summary>New website.</summary>
    [Description("New website address.")]
    public string? Website { get; init; }

    /// <summary>ACTIVE or ARCHIVED.</summary>
    [Description("ACTIVE, or ARCHIVED to archive the contact.")]
    public string? ContactStatus { get; init; }

    /// <summary>Replacement addresses.</summary>
    [Description("Addresses; replaces those of the same AddressType.")]
    public IReadOnlyList<XeroAddress>? Addresses { get; init; }

    /// <summary>Replacement phones.</summary>
    [Description("Phones; replaces those of the same PhoneType.")]
    public IReadOnlyList<XeroPhone>? Phones { get; init; }
}

/// <summary>Input of <c>list_invoices</c>.</summary>
public sealed record ListInvoicesInput : XeroInput
{
    /// <summary>1-based page of up to 100 invoices.</summary>
    [Description("1-based page number; each page holds up to 100 invoices with their lines. Default 1.")]
    public int? Page { get; init; }

    /// <summary>Only invoices changed since (If-Modified-Since).</summary>
    [Description("Only invoices created or changed since this instant (sent as If-Modified-Since).")]
    public DateTimeOffset? ModifiedSince { get; init; }

    /// <summary>Statuses to include.</summary>
    [Description("Only these statuses: DRAFT, SUBMITTED, AUTHORISED, PAID, VOIDED, DELETED.")]
    public IReadOnlyList<string>? Statuses { get; init; }

    /// <summary>Contacts to include.</summary>
    [Description("Only invoices of these ContactIDs.")]
    public IReadOnlyList<string>? ContactIds { get; init; }

    /// <summary>Xero filter expression.</summary>
    [Description("Xero filter expression, e.g. Type==\"ACCREC\".")]
    public string? Where { get; init; }

    /// <summary>Sort order.</summary>
    [Description("Sort order, e.g. \"InvoiceNumber ASC\".")]
    public string? Order { get; init; }
}

/// <summary>A page of invoices.</summary>
public sealed record XeroInvoiceList
{
    /// <summary>The invoices.</summary>
    [Description("The invoices on this page.")]
    public IReadOnlyList<XeroInvoice> Invoices { get; init; } = [];

    /// <summary>This page's number.</summary>
    [Description("The page returned.")]
    public int Page { get; init; }

    /// <summary>The next page, or null on the last page.</summary>
    [Description("The page to ask for next, or null when this was the last page.")]
    public int? NextPage { get; init; }
}

/// <summary>Input of <c>get_invoice</c>.</summary>
public sealed record GetInvoiceInput : XeroInput
{
    /// <summary>The invoice id.</summary>
    [JsonPropertyName("InvoiceID"), Description("Xero identifier of the invoice.")]
    public required string InvoiceId { get; init; }
}

/// <summary>Input of <c>create_invoice</c>.</summary>
public sealed record CreateInvoiceInput : XeroInput
{
    /// <summary>ACCREC or ACCPAY.</summary>
    [Description("ACCREC for a sales invoice (default), ACCPAY for a bill.")]
    public string? Type { get; init; }

    /// <summary>The contact billed.</summary>
    [JsonPropertyName("ContactID"), Description("Xero identifier of the contact billed.")]
    public required string ContactId { get; init; }

    /// <summary>Lines.</summary>
    [Description("The invoice lines; at least one.")]
    public required IReadOnlyList<CreateLineItemInput> LineItems { get; init; }

    /// <summary>Issue date.</summary>
    [Description("Issue date (YYYY-MM-DD); default today in the organisation's timezone.")]
    public DateOnly? Date { get; init; }

    /// <summary>Due date.</summary>
    [Description("Due date (YYYY-MM-DD); required to approve (AUTHORISED).")]
    public DateOnly? DueDate { get; init; }

    /// <summary>Invoice number.</summary>
    [Description("Invoice number; Xero assigns the next one when left out.")]
    public string? InvoiceNumber { get; init; }

    /// <summary>Reference.</summary>
    [Description("Reference shown on the invoice.")]
    public string? Reference { get; init; }

    /// <summary>DRAFT, SUBMITTED or AUTHORISED.</summary>
    [Description("DRAFT (default), SUBMITTED or AUTHORISED.")]
    public string? Status { get; init; }

    /// <summary>Exclusive, Inclusive or NoTax.</summary>
    [Description("Exclusive (default), Inclusive or NoTax.")]
    public string? LineAmountTypes { get; init; }

    /// <summary>Currency.</summary>
    [Description("ISO 4217 currency; default the organisation's base currency.")]
    public string? CurrencyCode { get; init; }
}

/// <summary>One line of a new invoice.</summary>
public sealed record CreateLineItemInput
{
    /// <summary>Description.</summary>
    [Description("What the line bills for.")]
    public required string Description { get; init; }

    /// <summary>Quantity.</summary>
    [Description("Quantity; default 1.")]
    public decimal? Quantity { get; init; }

    /// <summary>Unit price.</summary>
    [Description("Unit price.")]
    public decimal? UnitAmount { get; init; }

    /// <summary>Item code.</summary>
    [Description("Code of a Xero item; fills description, price and account from the item.")]
    public string? ItemCode { get; init; }

    /// <summary>Account code.</summary>
    [Description("Account code, e.g. 200 (Sales).")]
    public string? AccountCode { get; init; }

    /// <summary>Tax type.</summary>
    [Description("Tax type, e.g. OUTPUT2 or NONE; default the account's.")]
    public string? TaxType { get; init; }

    /// <summary>Discount.</summary>
    [Description("Discount percentage.")]
    public decimal? DiscountRate { get; init; }
}

/// <summary>Input of <c>list_accounts</c>.</summary>
public sealed record ListAccountsInput : XeroInput
{
    /// <summary>Filter.</summary>
    [Description("Xero filter expression, e.g. Type==\"BANK\" or Status==\"ACTIVE\".")]
    public string? Where { get; init; }

    /// <summary>Sort order.</summary>
    [Description("Sort order, e.g. \"Code ASC\".")]
    public string? Order { get; init; }
}

/// <summary>The chart of accounts.</summary>
public sealed record XeroAccountList
{
    /// <summary>The accounts.</summary>
    [Description("The accounts.")]
    public IReadOnlyList<XeroAccount> Accounts { get; init; } = [];
}

/// <summary>Input of <c>list_items</c>.</summary>
public sealed record ListItemsInput : XeroInput
{
    /// <summary>Only items changed since.</summary>
    [Description("Only items created or changed since this instant (sent as If-Modified-Since).")]
    public DateTimeOffset? ModifiedSince { get; init; }

    /// <summary>Filter.</summary>
    [Description("Xero filter expression, e.g. IsSold==true.")]
    public string? Where { get; init; }

    /// <summary>Sort order.</summary>
    [Description("Sort order, e.g. \"Code ASC\".")]
    public string? Order { get; init; }
}

/// <summary>The items.</summary>
public sealed record XeroItemList
{
    /// <summary>The items.</summary>
    [Description("The items.")]
    public IReadOnlyList<XeroItem> Items { get; init; } = [];
}

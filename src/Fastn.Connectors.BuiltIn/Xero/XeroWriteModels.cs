using System.Text.Json.Serialization;
using Fastn.Connectors.BuiltIn.Xero.Models;

namespace Fastn.Connectors.BuiltIn.Xero;

// Request bodies: the records without the action-only XeroTenantId, nulls left out (unchanged on update).
internal sealed record ContactWrite
{
    [JsonPropertyName("ContactID")]
    public string? ContactId { get; init; }

    public string? Name { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? EmailAddress { get; init; }

    public string? ContactNumber { get; init; }

    public string? AccountNumber { get; init; }

    public string? TaxNumber { get; init; }

    public string? Website { get; init; }

    public string? DefaultCurrency { get; init; }

    public string? ContactStatus { get; init; }

    public IReadOnlyList<XeroAddress>? Addresses { get; init; }

    public IReadOnlyList<XeroPhone>? Phones { get; init; }
}

internal sealed record ContactsWrite(IReadOnlyList<ContactWrite> Contacts);

internal sealed record ContactRef([property: JsonPropertyName("ContactID")] string ContactId);

internal sealed record LineItemWrite
{
    public string? Description { get; init; }

    public decimal? Quantity { get; init; }

    public decimal? UnitAmount { get; init; }

    public string? ItemCode { get; init; }

    public string? AccountCode { get; init; }

    public string? TaxType { get; init; }

    public decimal? DiscountRate { get; init; }
}

internal sealed record InvoiceWrite
{
    public required string Type { get; init; }

    public required ContactRef Contact { get; init; }

    public required IReadOnlyList<LineItemWrite> LineItems { get; init; }

    public string? Date { get; init; }

    public string? DueDate { get; init; }

    public string? InvoiceNumber { get; init; }

    public string? Reference { get; init; }

    public string? Status { get; init; }

    public string? LineAmountTypes { get; init; }

    public string? CurrencyCode { get; init; }
}

internal sealed record InvoicesWrite(IReadOnlyList<InvoiceWrite> Invoices);

using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.QuickBooks.Models;

/// <summary>A reference to another QuickBooks record (<c>{"value": "58", "name": "Amy's Bird Sanctuary"}</c>).</summary>
public sealed record QuickBooksRef
{
    /// <summary>The referenced record's Id.</summary>
    [Description("The referenced record's Id.")]
    [JsonPropertyName("value")]
    public string? Value { get; init; }

    /// <summary>The referenced record's display name.</summary>
    [Description("The referenced record's display name.")]
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}

/// <summary>An e-mail address (<c>PrimaryEmailAddr</c>, <c>BillEmail</c>).</summary>
public sealed record QuickBooksEmail
{
    /// <summary>The address.</summary>
    [Description("The e-mail address.")]
    public string? Address { get; init; }
}

/// <summary>A phone number (<c>PrimaryPhone</c>, <c>Mobile</c>).</summary>
public sealed record QuickBooksPhone
{
    /// <summary>The number as typed.</summary>
    [Description("The phone number as typed, e.g. (650) 555-3311.")]
    public string? FreeFormNumber { get; init; }
}

/// <summary>A physical address (<c>BillAddr</c>, <c>ShipAddr</c>, <c>CompanyAddr</c>).</summary>
public sealed record QuickBooksAddress
{
    /// <summary>The address record's Id.</summary>
    [Description("The address record's Id (read-only).")]
    public string? Id { get; init; }

    /// <summary>First line.</summary>
    [Description("First address line.")]
    public string? Line1 { get; init; }

    /// <summary>Second line.</summary>
    [Description("Second address line.")]
    public string? Line2 { get; init; }

    /// <summary>City.</summary>
    [Description("City.")]
    public string? City { get; init; }

    /// <summary>State or province code.</summary>
    [Description("State or province (e.g. CA).")]
    public string? CountrySubDivisionCode { get; init; }

    /// <summary>Postal code.</summary>
    [Description("Postal or ZIP code.")]
    public string? PostalCode { get; init; }

    /// <summary>Country.</summary>
    [Description("Country.")]
    public string? Country { get; init; }
}

/// <summary>When a record was created and last changed (<c>MetaData</c>).</summary>
public sealed record QuickBooksMetaData
{
    /// <summary>Creation time.</summary>
    [Description("When the record was created.")]
    public DateTimeOffset? CreateTime { get; init; }

    /// <summary>Last change time.</summary>
    [Description("When the record last changed.")]
    public DateTimeOffset? LastUpdatedTime { get; init; }
}

/// <summary>An invoice's tax summary (<c>TxnTaxDetail</c>).</summary>
public sealed record QuickBooksTaxDetail
{
    /// <summary>Total tax.</summary>
    [Description("Total tax on the transaction.")]
    public decimal? TotalTax { get; init; }
}

/// <summary>A transaction a payment line applies to (<c>LinkedTxn</c>).</summary>
public sealed record QuickBooksLinkedTxn
{
    /// <summary>The transaction's Id.</summary>
    [Description("The linked transaction's Id.")]
    public string? TxnId { get; init; }

    /// <summary>The transaction's type (<c>Invoice</c>).</summary>
    [Description("The linked transaction's type, e.g. Invoice.")]
    public string? TxnType { get; init; }
}

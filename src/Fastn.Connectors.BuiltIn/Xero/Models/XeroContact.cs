using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Xero.Models;

/// <summary>A Xero contact (customer or supplier), as the Accounting API returns it.</summary>
public sealed record XeroContact
{
    /// <summary>Xero's id of the contact.</summary>
    [JsonPropertyName("ContactID"), Description("Xero identifier of the contact (a GUID).")]
    public string ContactId { get; init; } = "";

    /// <summary>An external id (your system's id), up to 50 characters.</summary>
    [Description("Identifier from your own system, up to 50 characters; read-only in the Xero UI.")]
    public string? ContactNumber { get; init; }

    /// <summary>A user-defined account number.</summary>
    [Description("User-defined account number.")]
    public string? AccountNumber { get; init; }

    /// <summary>ACTIVE, ARCHIVED or GDPRREQUEST.</summary>
    [Description("ACTIVE, ARCHIVED or GDPRREQUEST.")]
    public string? ContactStatus { get; init; }

    /// <summary>Full name of the contact or organisation; unique among active contacts.</summary>
    [Description("Full name of the contact or organisation; unique among active contacts.")]
    public string? Name { get; init; }

    /// <summary>First name of the contact person.</summary>
    [Description("First name of the contact person.")]
    public string? FirstName { get; init; }

    /// <summary>Last name of the contact person.</summary>
    [Description("Last name of the contact person.")]
    public string? LastName { get; init; }

    /// <summary>E-mail address of the contact person.</summary>
    [Description("E-mail address of the contact person.")]
    public string? EmailAddress { get; init; }

    /// <summary>Website address.</summary>
    [Description("Website address.")]
    public string? Website { get; init; }

    /// <summary>Tax number (ABN, GST number, VAT number…).</summary>
    [Description("Tax number: ABN (AU), GST number (NZ), VAT number (UK), tax ID (US).")]
    public string? TaxNumber { get; init; }

    /// <summary>Default currency of the contact's invoices.</summary>
    [Description("Default ISO 4217 currency for the contact's invoices and bills.")]
    public string? DefaultCurrency { get; init; }

    /// <summary>Whether the contact has any AP invoices (read-only).</summary>
    [Description("True when the contact has bills (AP invoices); computed by Xero.")]
    public bool? IsSupplier { get; init; }

    /// <summary>Whether the contact has any AR invoices (read-only).</summary>
    [Description("True when the contact has sales invoices (AR invoices); computed by Xero.")]
    public bool? IsCustomer { get; init; }

    /// <summary>Street and postal addresses.</summary>
    [Description("Addresses: STREET and POBOX.")]
    public IReadOnlyList<XeroAddress>? Addresses { get; init; }

    /// <summary>Phone numbers.</summary>
    [Description("Phone numbers: DEFAULT, DDI, MOBILE, FAX.")]
    public IReadOnlyList<XeroPhone>? Phones { get; init; }

    /// <summary>Contact groups the contact belongs to.</summary>
    [Description("Contact groups the contact belongs to.")]
    public IReadOnlyList<XeroContactGroup>? ContactGroups { get; init; }

    /// <summary>Last change, in Xero's <c>/Date(ms+0000)/</c> format.</summary>
    [JsonPropertyName("UpdatedDateUTC"), Description("When the contact last changed, in Xero's /Date(milliseconds+0000)/ format.")]
    public string? UpdatedDateUtc { get; init; }
}

/// <summary>A Xero address.</summary>
public sealed record XeroAddress
{
    /// <summary>STREET or POBOX.</summary>
    [Description("STREET or POBOX.")]
    public string? AddressType { get; init; }

    /// <summary>First address line.</summary>
    [Description("First address line.")]
    public string? AddressLine1 { get; init; }

    /// <summary>Second address line.</summary>
    [Description("Second address line.")]
    public string? AddressLine2 { get; init; }

    /// <summary>City.</summary>
    [Description("City or town.")]
    public string? City { get; init; }

    /// <summary>Region or state.</summary>
    [Description("Region, state or county.")]
    public string? Region { get; init; }

    /// <summary>Postal code.</summary>
    [Description("Postal or ZIP code.")]
    public string? PostalCode { get; init; }

    /// <summary>Country.</summary>
    [Description("Country name or code, as entered in Xero.")]
    public string? Country { get; init; }

    /// <summary>Attention to.</summary>
    [Description("Attention-to line.")]
    public string? AttentionTo { get; init; }
}

/// <summary>A Xero phone number.</summary>
public sealed record XeroPhone
{
    /// <summary>DEFAULT, DDI, MOBILE or FAX.</summary>
    [Description("DEFAULT, DDI, MOBILE or FAX.")]
    public string? PhoneType { get; init; }

    /// <summary>The number.</summary>
    [Description("The number without area or country code.")]
    public string? PhoneNumber { get; init; }

    /// <summary>Area code.</summary>
    [Description("Area code.")]
    public string? PhoneAreaCode { get; init; }

    /// <summary>Country code.</summary>
    [Description("Country calling code.")]
    public string? PhoneCountryCode { get; init; }
}

/// <summary>A contact group reference.</summary>
public sealed record XeroContactGroup
{
    /// <summary>Id of the group.</summary>
    [JsonPropertyName("ContactGroupID"), Description("Xero identifier of the contact group.")]
    public string? ContactGroupId { get; init; }

    /// <summary>Name of the group.</summary>
    [Description("Name of the contact group.")]
    public string? Name { get; init; }

    /// <summary>ACTIVE or DELETED.</summary>
    [Description("ACTIVE or DELETED.")]
    public string? Status { get; init; }
}

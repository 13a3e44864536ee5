using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A postal address of a customer or an order (Shopify's address shape).</summary>
public sealed record ShopifyAddress
{
    /// <summary>The address id (customer addresses only).</summary>
    [Description("The address id (customer addresses only).")]
    public long? Id { get; init; }

    /// <summary>The customer the address belongs to (customer addresses only).</summary>
    [Description("The customer the address belongs to (customer addresses only).")]
    public long? CustomerId { get; init; }

    /// <summary>Given name on the address.</summary>
    [Description("Given name on the address.")]
    public string? FirstName { get; init; }

    /// <summary>Family name on the address.</summary>
    [Description("Family name on the address.")]
    public string? LastName { get; init; }

    /// <summary>Company name on the address.</summary>
    [Description("Company name on the address.")]
    public string? Company { get; init; }

    /// <summary>Street address.</summary>
    [Description("Street address.")]
    public string? Address1 { get; init; }

    /// <summary>Apartment, suite, floor.</summary>
    [Description("Apartment, suite, floor.")]
    public string? Address2 { get; init; }

    /// <summary>City.</summary>
    [Description("City.")]
    public string? City { get; init; }

    /// <summary>State or province name.</summary>
    [Description("State or province name.")]
    public string? Province { get; init; }

    /// <summary>State or province code.</summary>
    [Description("State or province code.")]
    public string? ProvinceCode { get; init; }

    /// <summary>Country name.</summary>
    [Description("Country name.")]
    public string? Country { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code.</summary>
    [Description("ISO 3166-1 alpha-2 country code.")]
    public string? CountryCode { get; init; }

    /// <summary>Postal or ZIP code.</summary>
    [Description("Postal or ZIP code.")]
    public string? Zip { get; init; }

    /// <summary>Phone number on the address.</summary>
    [Description("Phone number on the address.")]
    public string? Phone { get; init; }

    /// <summary>Full name on the address.</summary>
    [Description("Full name on the address.")]
    public string? Name { get; init; }

    /// <summary>Whether this is the customer's default address.</summary>
    [Description("Whether this is the customer's default address.")]
    public bool? Default { get; init; }
}

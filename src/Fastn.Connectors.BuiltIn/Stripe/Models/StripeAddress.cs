using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>A postal address as Stripe writes it (customer <c>address</c>, <c>shipping.address</c>).</summary>
public sealed record StripeAddress
{
    /// <summary>Street, PO box or company name.</summary>
    [Description("Address line 1 (street, PO box or company name).")]
    public string? Line1 { get; init; }

    /// <summary>Apartment, suite, unit or building.</summary>
    [Description("Address line 2 (apartment, suite, unit or building).")]
    public string? Line2 { get; init; }

    /// <summary>City, district, suburb, town or village.</summary>
    [Description("City, district, suburb, town or village.")]
    public string? City { get; init; }

    /// <summary>State, county, province or region.</summary>
    [Description("State, county, province or region.")]
    public string? State { get; init; }

    /// <summary>ZIP or postal code.</summary>
    [Description("ZIP or postal code.")]
    public string? PostalCode { get; init; }

    /// <summary>Two-letter country code (ISO 3166-1 alpha-2).</summary>
    [Description("Two-letter country code (ISO 3166-1 alpha-2), like US or DE.")]
    public string? Country { get; init; }
}

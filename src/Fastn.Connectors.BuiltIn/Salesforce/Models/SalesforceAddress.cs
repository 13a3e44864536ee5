using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>A compound address field (MailingAddress, BillingAddress, Address): read-only, written through its component fields.</summary>
public sealed record SalesforceAddress
{
    /// <summary>Street.</summary>
    [Description("Street.")]
    public string? Street { get; init; }

    /// <summary>City.</summary>
    [Description("City.")]
    public string? City { get; init; }

    /// <summary>State or province.</summary>
    [Description("State or province.")]
    public string? State { get; init; }

    /// <summary>Postal code.</summary>
    [Description("Postal code.")]
    public string? PostalCode { get; init; }

    /// <summary>Country.</summary>
    [Description("Country.")]
    public string? Country { get; init; }
}

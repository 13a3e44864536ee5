using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>A new company.</summary>
public sealed record CreateCompanyInput
{
    /// <summary>Company name.</summary>
    [Description("Company name."), JsonPropertyName("name")]
    public required string Name { get; init; }

    /// <summary>Web domain.</summary>
    [Description("Primary web domain, e.g. example.com (HubSpot de-duplicates companies by it)."), JsonPropertyName("domain")]
    public string? Domain { get; init; }

    /// <summary>Industry.</summary>
    [Description("Industry from HubSpot's list, e.g. COMPUTER_SOFTWARE."), JsonPropertyName("industry")]
    public string? Industry { get; init; }

    /// <summary>Number of employees.</summary>
    [Description("Number of employees."), JsonPropertyName("numberofemployees")]
    public int? NumberOfEmployees { get; init; }

    /// <summary>Annual revenue.</summary>
    [Description("Annual revenue in the account's currency."), JsonPropertyName("annualrevenue")]
    public decimal? AnnualRevenue { get; init; }

    /// <summary>Phone.</summary>
    [Description("Main phone number."), JsonPropertyName("phone")]
    public string? Phone { get; init; }

    /// <summary>Street address.</summary>
    [Description("Street address."), JsonPropertyName("address")]
    public string? Address { get; init; }

    /// <summary>City.</summary>
    [Description("City."), JsonPropertyName("city")]
    public string? City { get; init; }

    /// <summary>State or region.</summary>
    [Description("State or region."), JsonPropertyName("state")]
    public string? State { get; init; }

    /// <summary>Postal code.</summary>
    [Description("Postal code."), JsonPropertyName("zip")]
    public string? Zip { get; init; }

    /// <summary>Country.</summary>
    [Description("Country."), JsonPropertyName("country")]
    public string? Country { get; init; }

    /// <summary>Description.</summary>
    [Description("Free-text description."), JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Other properties by internal name.</summary>
    [Description("Any other company properties by internal name.")]
    public IReadOnlyDictionary<string, string>? Properties { get; init; }
}

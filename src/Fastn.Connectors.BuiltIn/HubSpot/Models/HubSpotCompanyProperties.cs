using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>The company properties the connector reads and writes, by HubSpot's internal names (values are strings).</summary>
public sealed record HubSpotCompanyProperties
{
    /// <summary>Company name.</summary>
    [Description("Company name."), JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>Primary web domain.</summary>
    [Description("Primary web domain, e.g. example.com."), JsonPropertyName("domain")]
    public string? Domain { get; init; }

    /// <summary>Industry (HubSpot's enumeration, e.g. COMPUTER_SOFTWARE).</summary>
    [Description("Industry (HubSpot's enumeration, e.g. COMPUTER_SOFTWARE)."), JsonPropertyName("industry")]
    public string? Industry { get; init; }

    /// <summary>Number of employees.</summary>
    [Description("Number of employees (a number as a string)."), JsonPropertyName("numberofemployees")]
    public string? NumberOfEmployees { get; init; }

    /// <summary>Annual revenue.</summary>
    [Description("Annual revenue (a number as a string)."), JsonPropertyName("annualrevenue")]
    public string? AnnualRevenue { get; init; }

    /// <summary>Main phone number.</summary>
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

    /// <summary>Lifecycle stage.</summary>
    [Description("Lifecycle stage."), JsonPropertyName("lifecyclestage")]
    public string? LifecycleStage { get; init; }

    /// <summary>When the company was created (ISO 8601).</summary>
    [Description("When the company was created (ISO 8601)."), JsonPropertyName("createdate")]
    public string? CreateDate { get; init; }

    /// <summary>When the company last changed (ISO 8601).</summary>
    [Description("When the company last changed (ISO 8601)."), JsonPropertyName("hs_lastmodifieddate")]
    public string? LastModifiedDate { get; init; }

    /// <summary>The record id, repeated as a property.</summary>
    [Description("The record id, repeated as a property."), JsonPropertyName("hs_object_id")]
    public string? ObjectId { get; init; }

    /// <summary>The properties this type reads, for the <c>properties</c> query parameter.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["name", "domain", "industry", "numberofemployees", "annualrevenue", "phone", "address", "city", "state", "zip", "country", "description", "lifecyclestage", "createdate", "hs_lastmodifieddate", "hs_object_id"];
}

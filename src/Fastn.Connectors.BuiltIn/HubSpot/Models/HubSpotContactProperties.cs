using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>The contact properties the connector reads and writes, by HubSpot's internal property names. HubSpot sends every value as a string.</summary>
public sealed record HubSpotContactProperties
{
    /// <summary>Primary e-mail address.</summary>
    [Description("Primary e-mail address."), JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>First name.</summary>
    [Description("First name."), JsonPropertyName("firstname")]
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    [Description("Last name."), JsonPropertyName("lastname")]
    public string? LastName { get; init; }

    /// <summary>Company name as typed on the contact.</summary>
    [Description("Company name as typed on the contact."), JsonPropertyName("company")]
    public string? Company { get; init; }

    /// <summary>Phone number.</summary>
    [Description("Phone number."), JsonPropertyName("phone")]
    public string? Phone { get; init; }

    /// <summary>Job title.</summary>
    [Description("Job title."), JsonPropertyName("jobtitle")]
    public string? JobTitle { get; init; }

    /// <summary>Website URL.</summary>
    [Description("Website URL."), JsonPropertyName("website")]
    public string? Website { get; init; }

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

    /// <summary>Lifecycle stage (subscriber, lead, marketingqualifiedlead, salesqualifiedlead, opportunity, customer, evangelist, other).</summary>
    [Description("Lifecycle stage: subscriber, lead, marketingqualifiedlead, salesqualifiedlead, opportunity, customer, evangelist or other."), JsonPropertyName("lifecyclestage")]
    public string? LifecycleStage { get; init; }

    /// <summary>When the contact was created (ISO 8601).</summary>
    [Description("When the contact was created (ISO 8601)."), JsonPropertyName("createdate")]
    public string? CreateDate { get; init; }

    /// <summary>When the contact last changed (ISO 8601).</summary>
    [Description("When the contact last changed (ISO 8601)."), JsonPropertyName("lastmodifieddate")]
    public string? LastModifiedDate { get; init; }

    /// <summary>The record id, repeated as a property.</summary>
    [Description("The record id, repeated as a property."), JsonPropertyName("hs_object_id")]
    public string? ObjectId { get; init; }

    /// <summary>The properties this type reads, for the <c>properties</c> query parameter.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["email", "firstname", "lastname", "company", "phone", "jobtitle", "website", "address", "city", "state", "zip", "country", "lifecyclestage", "createdate", "lastmodifieddate", "hs_object_id"];
}

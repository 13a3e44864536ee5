using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>A Salesforce Lead with the fields the connector selects.</summary>
public sealed record SalesforceLead
{
    /// <summary>The record's type and REST URL.</summary>
    [Description("The record's type and REST URL."), JsonPropertyName("attributes")]
    public SalesforceAttributes? Attributes { get; init; }

    /// <summary>The 18-character record id.</summary>
    [Description("The 18-character record id."), JsonPropertyName("Id")]
    public string? Id { get; init; }

    /// <summary>First name.</summary>
    [Description("First name."), JsonPropertyName("FirstName")]
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    [Description("Last name."), JsonPropertyName("LastName")]
    public string? LastName { get; init; }

    /// <summary>E-mail address.</summary>
    [Description("E-mail address."), JsonPropertyName("Email")]
    public string? Email { get; init; }

    /// <summary>Phone.</summary>
    [Description("Phone."), JsonPropertyName("Phone")]
    public string? Phone { get; init; }

    /// <summary>Company name (required on leads).</summary>
    [Description("Company name (required on leads)."), JsonPropertyName("Company")]
    public string? Company { get; init; }

    /// <summary>Job title.</summary>
    [Description("Job title."), JsonPropertyName("Title")]
    public string? Title { get; init; }

    /// <summary>Lead status (Open - Not Contacted, Working - Contacted, …).</summary>
    [Description("Lead status (Open - Not Contacted, Working - Contacted, …)."), JsonPropertyName("Status")]
    public string? Status { get; init; }

    /// <summary>Where the lead came from.</summary>
    [Description("Where the lead came from."), JsonPropertyName("LeadSource")]
    public string? LeadSource { get; init; }

    /// <summary>Street.</summary>
    [Description("Street."), JsonPropertyName("Street")]
    public string? Street { get; init; }

    /// <summary>City.</summary>
    [Description("City."), JsonPropertyName("City")]
    public string? City { get; init; }

    /// <summary>State or province.</summary>
    [Description("State or province."), JsonPropertyName("State")]
    public string? State { get; init; }

    /// <summary>Postal code.</summary>
    [Description("Postal code."), JsonPropertyName("PostalCode")]
    public string? PostalCode { get; init; }

    /// <summary>Country.</summary>
    [Description("Country."), JsonPropertyName("Country")]
    public string? Country { get; init; }

    /// <summary>The compound address (read-only).</summary>
    [Description("The compound address (read-only)."), JsonPropertyName("Address")]
    public SalesforceAddress? Address { get; init; }

    /// <summary>When the record was created (ISO 8601, e.g. 2024-03-09T09:00:00.000+0000).</summary>
    [Description("When the record was created (ISO 8601, e.g. 2024-03-09T09:00:00.000+0000)."), JsonPropertyName("CreatedDate")]
    public string? CreatedDate { get; init; }

    /// <summary>When a user last changed the record.</summary>
    [Description("When a user last changed the record."), JsonPropertyName("LastModifiedDate")]
    public string? LastModifiedDate { get; init; }

    /// <summary>When a user or an automated process last changed the record.</summary>
    [Description("When a user or an automated process last changed the record."), JsonPropertyName("SystemModstamp")]
    public string? SystemModstamp { get; init; }
}

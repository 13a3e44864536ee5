using System.ComponentModel;
using System.Text.Json.Nodes;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>A new lead.</summary>
public sealed record CreateLeadInput
{
    /// <summary>First name.</summary>
    [Description("First name.")]
    public string? FirstName { get; init; }

    /// <summary>Last name (required).</summary>
    [Description("Last name (required).")]
    public required string LastName { get; init; }

    /// <summary>Company (required).</summary>
    [Description("Company (required).")]
    public required string Company { get; init; }

    /// <summary>E-mail address.</summary>
    [Description("E-mail address.")]
    public string? Email { get; init; }

    /// <summary>Phone.</summary>
    [Description("Phone.")]
    public string? Phone { get; init; }

    /// <summary>Job title.</summary>
    [Description("Job title.")]
    public string? Title { get; init; }

    /// <summary>Lead status (default: the org's default status).</summary>
    [Description("Lead status (default: the org's default status).")]
    public string? Status { get; init; }

    /// <summary>Lead source.</summary>
    [Description("Lead source.")]
    public string? LeadSource { get; init; }

    /// <summary>Street.</summary>
    [Description("Street.")]
    public string? Street { get; init; }

    /// <summary>City.</summary>
    [Description("City.")]
    public string? City { get; init; }

    /// <summary>State.</summary>
    [Description("State.")]
    public string? State { get; init; }

    /// <summary>Postal code.</summary>
    [Description("Postal code.")]
    public string? PostalCode { get; init; }

    /// <summary>Country.</summary>
    [Description("Country.")]
    public string? Country { get; init; }

    /// <summary>Further fields by API name, including custom fields (Region__c).</summary>
    [Description("Further fields by API name, including custom fields (Region__c).")]
    public Dictionary<string, JsonNode?>? Fields { get; init; }
}

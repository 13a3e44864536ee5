using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>A Salesforce Account with the fields the connector selects.</summary>
public sealed record SalesforceAccount
{
    /// <summary>The record's type and REST URL.</summary>
    [Description("The record's type and REST URL."), JsonPropertyName("attributes")]
    public SalesforceAttributes? Attributes { get; init; }

    /// <summary>The 18-character record id.</summary>
    [Description("The 18-character record id."), JsonPropertyName("Id")]
    public string? Id { get; init; }

    /// <summary>Account name.</summary>
    [Description("Account name."), JsonPropertyName("Name")]
    public string? Name { get; init; }

    /// <summary>Website.</summary>
    [Description("Website."), JsonPropertyName("Website")]
    public string? Website { get; init; }

    /// <summary>Industry.</summary>
    [Description("Industry."), JsonPropertyName("Industry")]
    public string? Industry { get; init; }

    /// <summary>Account type (Customer - Direct, Prospect, …).</summary>
    [Description("Account type (Customer - Direct, Prospect, …)."), JsonPropertyName("Type")]
    public string? Type { get; init; }

    /// <summary>Number of employees.</summary>
    [Description("Number of employees."), JsonPropertyName("NumberOfEmployees")]
    public int? NumberOfEmployees { get; init; }

    /// <summary>Annual revenue in the org's currency.</summary>
    [Description("Annual revenue in the org's currency."), JsonPropertyName("AnnualRevenue")]
    public decimal? AnnualRevenue { get; init; }

    /// <summary>Phone.</summary>
    [Description("Phone."), JsonPropertyName("Phone")]
    public string? Phone { get; init; }

    /// <summary>Description.</summary>
    [Description("Description."), JsonPropertyName("Description")]
    public string? Description { get; init; }

    /// <summary>Street.</summary>
    [Description("Street."), JsonPropertyName("BillingStreet")]
    public string? BillingStreet { get; init; }

    /// <summary>City.</summary>
    [Description("City."), JsonPropertyName("BillingCity")]
    public string? BillingCity { get; init; }

    /// <summary>State or province.</summary>
    [Description("State or province."), JsonPropertyName("BillingState")]
    public string? BillingState { get; init; }

    /// <summary>Postal code.</summary>
    [Description("Postal code."), JsonPropertyName("BillingPostalCode")]
    public string? BillingPostalCode { get; init; }

    /// <summary>Country.</summary>
    [Description("Country."), JsonPropertyName("BillingCountry")]
    public string? BillingCountry { get; init; }

    /// <summary>The compound address (read-only).</summary>
    [Description("The compound address (read-only)."), JsonPropertyName("BillingAddress")]
    public SalesforceAddress? BillingAddress { get; init; }

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

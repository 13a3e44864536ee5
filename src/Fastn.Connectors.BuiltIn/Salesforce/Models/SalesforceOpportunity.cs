using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>A Salesforce Opportunity with the fields the connector selects.</summary>
public sealed record SalesforceOpportunity
{
    /// <summary>The record's type and REST URL.</summary>
    [Description("The record's type and REST URL."), JsonPropertyName("attributes")]
    public SalesforceAttributes? Attributes { get; init; }

    /// <summary>The 18-character record id.</summary>
    [Description("The 18-character record id."), JsonPropertyName("Id")]
    public string? Id { get; init; }

    /// <summary>Opportunity name.</summary>
    [Description("Opportunity name."), JsonPropertyName("Name")]
    public string? Name { get; init; }

    /// <summary>The account's id.</summary>
    [Description("The account's id."), JsonPropertyName("AccountId")]
    public string? AccountId { get; init; }

    /// <summary>The primary contact's id.</summary>
    [Description("The primary contact's id."), JsonPropertyName("ContactId")]
    public string? ContactId { get; init; }

    /// <summary>Amount.</summary>
    [Description("Amount."), JsonPropertyName("Amount")]
    public decimal? Amount { get; init; }

    /// <summary>ISO currency code (multi-currency orgs).</summary>
    [Description("ISO currency code (multi-currency orgs)."), JsonPropertyName("CurrencyIsoCode")]
    public string? CurrencyIsoCode { get; init; }

    /// <summary>Sales stage (Prospecting, Closed Won, …).</summary>
    [Description("Sales stage (Prospecting, Closed Won, …)."), JsonPropertyName("StageName")]
    public string? StageName { get; init; }

    /// <summary>Probability in percent.</summary>
    [Description("Probability in percent."), JsonPropertyName("Probability")]
    public decimal? Probability { get; init; }

    /// <summary>Expected close date (yyyy-MM-dd).</summary>
    [Description("Expected close date (yyyy-MM-dd)."), JsonPropertyName("CloseDate")]
    public string? CloseDate { get; init; }

    /// <summary>Opportunity type.</summary>
    [Description("Opportunity type."), JsonPropertyName("Type")]
    public string? Type { get; init; }

    /// <summary>Lead source.</summary>
    [Description("Lead source."), JsonPropertyName("LeadSource")]
    public string? LeadSource { get; init; }

    /// <summary>The owning user's id.</summary>
    [Description("The owning user's id."), JsonPropertyName("OwnerId")]
    public string? OwnerId { get; init; }

    /// <summary>Whether the stage is a closed one.</summary>
    [Description("Whether the stage is a closed one."), JsonPropertyName("IsClosed")]
    public bool? IsClosed { get; init; }

    /// <summary>Whether the stage is a won one.</summary>
    [Description("Whether the stage is a won one."), JsonPropertyName("IsWon")]
    public bool? IsWon { get; init; }

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

using System.ComponentModel;
using System.Text.Json.Nodes;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>A new opportunity.</summary>
public sealed record CreateOpportunityInput
{
    /// <summary>Opportunity name (required).</summary>
    [Description("Opportunity name (required).")]
    public required string Name { get; init; }

    /// <summary>Sales stage (required), e.g. Prospecting.</summary>
    [Description("Sales stage (required), e.g. Prospecting.")]
    public required string StageName { get; init; }

    /// <summary>Expected close date, yyyy-MM-dd (required).</summary>
    [Description("Expected close date, yyyy-MM-dd (required).")]
    public required string CloseDate { get; init; }

    /// <summary>The account's id.</summary>
    [Description("The account's id.")]
    public string? AccountId { get; init; }

    /// <summary>The primary contact's id.</summary>
    [Description("The primary contact's id.")]
    public string? ContactId { get; init; }

    /// <summary>Amount.</summary>
    [Description("Amount.")]
    public decimal? Amount { get; init; }

    /// <summary>Probability in percent (default: the stage's).</summary>
    [Description("Probability in percent (default: the stage's).")]
    public decimal? Probability { get; init; }

    /// <summary>Opportunity type.</summary>
    [Description("Opportunity type.")]
    public string? Type { get; init; }

    /// <summary>Lead source.</summary>
    [Description("Lead source.")]
    public string? LeadSource { get; init; }

    /// <summary>Description.</summary>
    [Description("Description.")]
    public string? Description { get; init; }

    /// <summary>Further fields by API name, including custom fields (Region__c).</summary>
    [Description("Further fields by API name, including custom fields (Region__c).")]
    public Dictionary<string, JsonNode?>? Fields { get; init; }
}

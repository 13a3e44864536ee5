using System.ComponentModel;
using System.Text.Json.Nodes;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>A new account.</summary>
public sealed record CreateAccountInput
{
    /// <summary>Account name (required).</summary>
    [Description("Account name (required).")]
    public required string Name { get; init; }

    /// <summary>Website.</summary>
    [Description("Website.")]
    public string? Website { get; init; }

    /// <summary>Industry.</summary>
    [Description("Industry.")]
    public string? Industry { get; init; }

    /// <summary>Account type.</summary>
    [Description("Account type.")]
    public string? Type { get; init; }

    /// <summary>Number of employees.</summary>
    [Description("Number of employees.")]
    public int? NumberOfEmployees { get; init; }

    /// <summary>Annual revenue.</summary>
    [Description("Annual revenue.")]
    public decimal? AnnualRevenue { get; init; }

    /// <summary>Phone.</summary>
    [Description("Phone.")]
    public string? Phone { get; init; }

    /// <summary>Description.</summary>
    [Description("Description.")]
    public string? Description { get; init; }

    /// <summary>Billing street.</summary>
    [Description("Billing street.")]
    public string? BillingStreet { get; init; }

    /// <summary>Billing city.</summary>
    [Description("Billing city.")]
    public string? BillingCity { get; init; }

    /// <summary>Billing state.</summary>
    [Description("Billing state.")]
    public string? BillingState { get; init; }

    /// <summary>Billing postal code.</summary>
    [Description("Billing postal code.")]
    public string? BillingPostalCode { get; init; }

    /// <summary>Billing country.</summary>
    [Description("Billing country.")]
    public string? BillingCountry { get; init; }

    /// <summary>Further fields by API name, including custom fields (Region__c).</summary>
    [Description("Further fields by API name, including custom fields (Region__c).")]
    public Dictionary<string, JsonNode?>? Fields { get; init; }
}

using System.ComponentModel;
using System.Text.Json.Nodes;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>A new contact.</summary>
public sealed record CreateContactInput
{
    /// <summary>First name.</summary>
    [Description("First name.")]
    public string? FirstName { get; init; }

    /// <summary>Last name (required by Salesforce).</summary>
    [Description("Last name (required by Salesforce).")]
    public required string LastName { get; init; }

    /// <summary>E-mail address.</summary>
    [Description("E-mail address.")]
    public string? Email { get; init; }

    /// <summary>Business phone.</summary>
    [Description("Business phone.")]
    public string? Phone { get; init; }

    /// <summary>Mobile phone.</summary>
    [Description("Mobile phone.")]
    public string? MobilePhone { get; init; }

    /// <summary>Job title.</summary>
    [Description("Job title.")]
    public string? Title { get; init; }

    /// <summary>The parent account's id.</summary>
    [Description("The parent account's id.")]
    public string? AccountId { get; init; }

    /// <summary>Lead source.</summary>
    [Description("Lead source.")]
    public string? LeadSource { get; init; }

    /// <summary>Mailing street.</summary>
    [Description("Mailing street.")]
    public string? MailingStreet { get; init; }

    /// <summary>Mailing city.</summary>
    [Description("Mailing city.")]
    public string? MailingCity { get; init; }

    /// <summary>Mailing state.</summary>
    [Description("Mailing state.")]
    public string? MailingState { get; init; }

    /// <summary>Mailing postal code.</summary>
    [Description("Mailing postal code.")]
    public string? MailingPostalCode { get; init; }

    /// <summary>Mailing country.</summary>
    [Description("Mailing country.")]
    public string? MailingCountry { get; init; }

    /// <summary>Further fields by API name, including custom fields (Region__c).</summary>
    [Description("Further fields by API name, including custom fields (Region__c).")]
    public Dictionary<string, JsonNode?>? Fields { get; init; }
}

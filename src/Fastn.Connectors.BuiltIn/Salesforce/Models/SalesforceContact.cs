using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>A Salesforce Contact with the fields the connector selects.</summary>
public sealed record SalesforceContact
{
    /// <summary>The record's type and REST URL.</summary>
    [Description("The record's type and REST URL."), JsonPropertyName("attributes")]
    public SalesforceAttributes? Attributes { get; init; }

    /// <summary>The 18-character record id.</summary>
    [Description("The 18-character record id."), JsonPropertyName("Id")]
    public string? Id { get; init; }

    /// <summary>The parent account's id.</summary>
    [Description("The parent account's id."), JsonPropertyName("AccountId")]
    public string? AccountId { get; init; }

    /// <summary>The parent account (its name).</summary>
    [Description("The parent account (its name)."), JsonPropertyName("Account")]
    public SalesforceAccountName? Account { get; init; }

    /// <summary>First name.</summary>
    [Description("First name."), JsonPropertyName("FirstName")]
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    [Description("Last name."), JsonPropertyName("LastName")]
    public string? LastName { get; init; }

    /// <summary>E-mail address.</summary>
    [Description("E-mail address."), JsonPropertyName("Email")]
    public string? Email { get; init; }

    /// <summary>Business phone.</summary>
    [Description("Business phone."), JsonPropertyName("Phone")]
    public string? Phone { get; init; }

    /// <summary>Mobile phone.</summary>
    [Description("Mobile phone."), JsonPropertyName("MobilePhone")]
    public string? MobilePhone { get; init; }

    /// <summary>Job title.</summary>
    [Description("Job title."), JsonPropertyName("Title")]
    public string? Title { get; init; }

    /// <summary>Where the contact came from.</summary>
    [Description("Where the contact came from."), JsonPropertyName("LeadSource")]
    public string? LeadSource { get; init; }

    /// <summary>Street.</summary>
    [Description("Street."), JsonPropertyName("MailingStreet")]
    public string? MailingStreet { get; init; }

    /// <summary>City.</summary>
    [Description("City."), JsonPropertyName("MailingCity")]
    public string? MailingCity { get; init; }

    /// <summary>State or province.</summary>
    [Description("State or province."), JsonPropertyName("MailingState")]
    public string? MailingState { get; init; }

    /// <summary>Postal code.</summary>
    [Description("Postal code."), JsonPropertyName("MailingPostalCode")]
    public string? MailingPostalCode { get; init; }

    /// <summary>Country.</summary>
    [Description("Country."), JsonPropertyName("MailingCountry")]
    public string? MailingCountry { get; init; }

    /// <summary>The compound address (read-only).</summary>
    [Description("The compound address (read-only)."), JsonPropertyName("MailingAddress")]
    public SalesforceAddress? MailingAddress { get; init; }

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

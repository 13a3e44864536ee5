using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>The <c>attributes</c> Salesforce puts on every record: its sObject type and REST URL.</summary>
public sealed record SalesforceAttributes
{
    /// <summary>The sObject type (Contact).</summary>
    [Description("The sObject type (Contact)."), JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The record's REST path.</summary>
    [Description("The record's REST path."), JsonPropertyName("url")]
    public string? Url { get; init; }
}

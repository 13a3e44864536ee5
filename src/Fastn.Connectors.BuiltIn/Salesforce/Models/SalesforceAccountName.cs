using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>The parent account's name, as a SOQL relationship field (<c>Account.Name</c>).</summary>
public sealed record SalesforceAccountName
{
    /// <summary>The account's name.</summary>
    [Description("The account's name."), JsonPropertyName("Name")]
    public string? Name { get; init; }
}

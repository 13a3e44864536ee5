using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>One value of a picklist field.</summary>
public sealed record SalesforcePicklistValue
{
    /// <summary>The API value.</summary>
    [Description("The API value.")]
    public string? Value { get; init; }

    /// <summary>The label.</summary>
    [Description("The label.")]
    public string? Label { get; init; }

    /// <summary>Whether it can be chosen.</summary>
    [Description("Whether it can be chosen.")]
    public bool Active { get; init; }

    /// <summary>Whether it is the default.</summary>
    [Description("Whether it is the default.")]
    public bool DefaultValue { get; init; }
}

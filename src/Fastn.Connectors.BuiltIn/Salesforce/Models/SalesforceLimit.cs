using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>One org limit from <c>/limits</c>.</summary>
public sealed record SalesforceLimit
{
    /// <summary>The limit.</summary>
    [Description("The limit."), JsonPropertyName("Max")]
    public long Max { get; init; }

    /// <summary>What is left of it.</summary>
    [Description("What is left of it."), JsonPropertyName("Remaining")]
    public long Remaining { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>Which sObject to describe.</summary>
public sealed record DescribeSobjectInput
{
    /// <summary>The sObject type (Contact).</summary>
    [Description("The sObject type (Contact).")]
    public required string SobjectType { get; init; }
}

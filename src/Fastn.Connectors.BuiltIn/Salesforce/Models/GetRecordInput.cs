using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>Which record to read.</summary>
public sealed record GetRecordInput
{
    /// <summary>The sObject type (Account, Contact, Opportunity, MyObject__c).</summary>
    [Description("The sObject type (Account, Contact, Opportunity, MyObject__c).")]
    public required string SobjectType { get; init; }

    /// <summary>The record id.</summary>
    [Description("The record id.")]
    public required string RecordId { get; init; }

    /// <summary>Only these fields (default: all).</summary>
    [Description("Only these fields (default: all).")]
    public List<string>? Fields { get; init; }
}

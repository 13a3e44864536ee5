using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>One entry of an sObject's deleted-records feed.</summary>
public sealed record SalesforceDeletedRecord
{
    /// <summary>The deleted record's id.</summary>
    [Description("The deleted record's id.")]
    public required string Id { get; init; }

    /// <summary>When it was deleted.</summary>
    [Description("When it was deleted (ISO 8601).")]
    public string? DeletedDate { get; init; }
}

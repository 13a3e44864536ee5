using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>A SOQL query, or the nextRecordsUrl of an earlier one.</summary>
public sealed record QueryInput
{
    /// <summary>The SOQL query (SELECT Id, Name FROM Account WHERE …).</summary>
    [Description("The SOQL query (SELECT Id, Name FROM Account WHERE …).")]
    public string? Soql { get; init; }

    /// <summary>Continue an earlier query from its nextRecordsUrl instead.</summary>
    [Description("Continue an earlier query from its nextRecordsUrl instead.")]
    public string? NextRecordsUrl { get; init; }

    /// <summary>Stop following nextRecordsUrl after this many records (default 2000).</summary>
    [Description("Stop following nextRecordsUrl after this many records (default 2000).")]
    public int? MaxRecords { get; init; }
}

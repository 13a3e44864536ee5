using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>The answer of <c>GET /sobjects/{type}/deleted/?start=&amp;end=</c>.</summary>
public sealed record SalesforceDeletedRecords
{
    /// <summary>The records deleted in the window.</summary>
    [Description("The records deleted in the window.")]
    public List<SalesforceDeletedRecord> DeletedRecords { get; init; } = [];

    /// <summary>The earliest time the feed still covers.</summary>
    [Description("The earliest time the feed still covers.")]
    public string? EarliestDateAvailable { get; init; }

    /// <summary>The last time the answer covers.</summary>
    [Description("The last time the answer covers.")]
    public string? LatestDateCovered { get; init; }
}

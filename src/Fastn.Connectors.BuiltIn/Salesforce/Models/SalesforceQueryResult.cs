using System.ComponentModel;
using System.Text.Json.Nodes;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>A SOQL query result: <c>{totalSize, done, nextRecordsUrl, records}</c>.</summary>
public sealed record SalesforceQueryResult
{
    /// <summary>How many records match the query in total.</summary>
    [Description("How many records match the query in total.")]
    public int TotalSize { get; init; }

    /// <summary>Whether every record has been returned.</summary>
    [Description("Whether every record has been returned.")]
    public bool Done { get; init; }

    /// <summary>Where the next batch is, when not done; pass it back as nextRecordsUrl.</summary>
    [Description("Where the next batch is, when not done; pass it back as nextRecordsUrl.")]
    public string? NextRecordsUrl { get; init; }

    /// <summary>The records, each with attributes and the selected fields.</summary>
    [Description("The records, each with attributes and the selected fields.")]
    public List<JsonObject> Records { get; init; } = [];
}

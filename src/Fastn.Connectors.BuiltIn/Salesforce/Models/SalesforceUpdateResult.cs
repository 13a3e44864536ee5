using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>The result of an update (Salesforce answers 204 No Content).</summary>
public sealed record SalesforceUpdateResult
{
    /// <summary>The updated record's id.</summary>
    [Description("The updated record's id.")]
    public required string Id { get; init; }

    /// <summary>Whether the update was applied.</summary>
    [Description("Whether the update was applied.")]
    public bool Updated { get; init; }
}

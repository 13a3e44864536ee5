using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>The answer to a create: <c>{id, success, errors}</c>.</summary>
public sealed record SalesforceSaveResult
{
    /// <summary>The new record's id.</summary>
    [Description("The new record's id.")]
    public required string Id { get; init; }

    /// <summary>Whether the record was saved.</summary>
    [Description("Whether the record was saved.")]
    public bool Success { get; init; }

    /// <summary>Errors (empty on success).</summary>
    [Description("Errors (empty on success).")]
    public List<SalesforceError> Errors { get; init; } = [];
}

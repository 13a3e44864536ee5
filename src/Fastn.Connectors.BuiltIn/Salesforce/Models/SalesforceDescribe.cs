using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>An sObject describe: the object's properties and its fields.</summary>
public sealed record SalesforceDescribe
{
    /// <summary>API name (Contact).</summary>
    [Description("API name (Contact).")]
    public required string Name { get; init; }

    /// <summary>Label.</summary>
    [Description("Label.")]
    public string? Label { get; init; }

    /// <summary>Plural label.</summary>
    [Description("Plural label.")]
    public string? LabelPlural { get; init; }

    /// <summary>The 3-character id prefix (003).</summary>
    [Description("The 3-character id prefix (003).")]
    public string? KeyPrefix { get; init; }

    /// <summary>Whether it is a custom object.</summary>
    [Description("Whether it is a custom object.")]
    public bool Custom { get; init; }

    /// <summary>Whether records can be created.</summary>
    [Description("Whether records can be created.")]
    public bool Createable { get; init; }

    /// <summary>Whether records can be changed.</summary>
    [Description("Whether records can be changed.")]
    public bool Updateable { get; init; }

    /// <summary>Whether records can be deleted.</summary>
    [Description("Whether records can be deleted.")]
    public bool Deletable { get; init; }

    /// <summary>Whether SOQL can query it.</summary>
    [Description("Whether SOQL can query it.")]
    public bool Queryable { get; init; }

    /// <summary>The fields.</summary>
    [Description("The fields.")]
    public List<SalesforceDescribeField> Fields { get; init; } = [];
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Salesforce.Models;

/// <summary>One field of an sObject describe.</summary>
public sealed record SalesforceDescribeField
{
    /// <summary>API name.</summary>
    [Description("API name.")]
    public required string Name { get; init; }

    /// <summary>Label.</summary>
    [Description("Label.")]
    public string? Label { get; init; }

    /// <summary>Field type (string, email, reference, picklist, …).</summary>
    [Description("Field type (string, email, reference, picklist, …).")]
    public string? Type { get; init; }

    /// <summary>Maximum length of text fields.</summary>
    [Description("Maximum length of text fields.")]
    public int Length { get; init; }

    /// <summary>Whether it may be empty.</summary>
    [Description("Whether it may be empty.")]
    public bool Nillable { get; init; }

    /// <summary>Whether it can be set on create.</summary>
    [Description("Whether it can be set on create.")]
    public bool Createable { get; init; }

    /// <summary>Whether it can be changed.</summary>
    [Description("Whether it can be changed.")]
    public bool Updateable { get; init; }

    /// <summary>Whether it is a custom field.</summary>
    [Description("Whether it is a custom field.")]
    public bool Custom { get; init; }

    /// <summary>The sObject types a reference field points to.</summary>
    [Description("The sObject types a reference field points to.")]
    public List<string>? ReferenceTo { get; init; }

    /// <summary>The values of a picklist field.</summary>
    [Description("The values of a picklist field.")]
    public List<SalesforcePicklistValue>? PicklistValues { get; init; }
}

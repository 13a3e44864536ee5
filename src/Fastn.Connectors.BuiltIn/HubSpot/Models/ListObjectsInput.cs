using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>One page of a CRM object list.</summary>
public sealed record ListObjectsInput
{
    /// <summary>Page size.</summary>
    [Description("Records per page, 1 to 100 (default 10).")]
    public int? Limit { get; init; }

    /// <summary>Cursor from the previous page.</summary>
    [Description("The paging.next.after value of the previous page; omit for the first page.")]
    public string? After { get; init; }

    /// <summary>List archived records instead.</summary>
    [Description("List archived (deleted) records instead of active ones.")]
    public bool? Archived { get; init; }
}

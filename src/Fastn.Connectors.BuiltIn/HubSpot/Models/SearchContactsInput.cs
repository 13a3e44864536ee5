using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>A contact search: by e-mail, free text, or property filters (combined with AND).</summary>
public sealed record SearchContactsInput
{
    /// <summary>Exact e-mail address.</summary>
    [Description("Find the contact with exactly this e-mail address.")]
    public string? Email { get; init; }

    /// <summary>Free text.</summary>
    [Description("Free text matched against name, e-mail, phone and company.")]
    public string? Query { get; init; }

    /// <summary>Property filters.</summary>
    [Description("Property filters, all of which must match.")]
    public IReadOnlyList<HubSpotSearchFilter>? Filters { get; init; }

    /// <summary>Sort property.</summary>
    [Description("Property to sort by (default createdate); prefix with - for descending, e.g. -lastmodifieddate.")]
    public string? Sort { get; init; }

    /// <summary>Page size.</summary>
    [Description("Results per page, 1 to 200 (default 10).")]
    public int? Limit { get; init; }

    /// <summary>Cursor from the previous page.</summary>
    [Description("The paging.next.after value of the previous page.")]
    public string? After { get; init; }
}

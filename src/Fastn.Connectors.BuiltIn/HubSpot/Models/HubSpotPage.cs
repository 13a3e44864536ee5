using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>One page of a list or search: <c>{results, paging{next{after, link}}}</c>, plus <c>total</c> for searches.</summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed record HubSpotPage<T>
{
    /// <summary>Total matches (search only).</summary>
    [Description("Total number of matches (search only).")]
    public int? Total { get; init; }

    /// <summary>The records.</summary>
    [Description("The records on this page.")]
    public IReadOnlyList<T> Results { get; init; } = [];

    /// <summary>Paging; absent on the last page.</summary>
    [Description("Paging; absent on the last page. Pass paging.next.after as after for the next page.")]
    public HubSpotPaging? Paging { get; init; }
}

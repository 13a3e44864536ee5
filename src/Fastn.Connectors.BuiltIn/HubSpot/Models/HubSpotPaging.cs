using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>The <c>paging</c> member of a HubSpot page (absent on the last page).</summary>
public sealed record HubSpotPaging
{
    /// <summary>The next page.</summary>
    [Description("The next page.")]
    public HubSpotNextPage? Next { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>One page of customers.</summary>
public sealed record ShopifyCustomerPage
{
    /// <summary>The customers on this page.</summary>
    [Description("The customers on this page.")]
    public IReadOnlyList<ShopifyCustomer> Customers { get; init; } = [];

    /// <summary>Cursor of the next page (Link rel="next"); pass as page_info. Null on the last page.</summary>
    [Description("Cursor of the next page (Link rel=\"next\"); pass as page_info. Null on the last page.")]
    public string? NextPageInfo { get; init; }

    /// <summary>Cursor of the previous page (Link rel="previous").</summary>
    [Description("Cursor of the previous page (Link rel=\"previous\").")]
    public string? PreviousPageInfo { get; init; }
}

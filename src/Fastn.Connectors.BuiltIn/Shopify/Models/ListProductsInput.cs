using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A page of products.</summary>
public sealed record ListProductsInput
{
    /// <summary>Products per page, 1 to 250 (default 50).</summary>
    [Description("Products per page, 1 to 250 (default 50).")]
    public int? Limit { get; init; }

    /// <summary>next_page_info or previous_page_info of an earlier page; omit for the first page.</summary>
    [Description("next_page_info or previous_page_info of an earlier page; omit for the first page.")]
    public string? PageInfo { get; init; }

    /// <summary>Filter: active, draft or archived (comma-separated for several).</summary>
    [Description("Filter: active, draft or archived (comma-separated for several).")]
    public string? Status { get; init; }

    /// <summary>Filter by product type.</summary>
    [Description("Filter by product type.")]
    public string? ProductType { get; init; }

    /// <summary>Filter by vendor.</summary>
    [Description("Filter by vendor.")]
    public string? Vendor { get; init; }

    /// <summary>Only products updated at or after this time.</summary>
    [Description("Only products updated at or after this time.")]
    public DateTimeOffset? UpdatedAtMin { get; init; }
}

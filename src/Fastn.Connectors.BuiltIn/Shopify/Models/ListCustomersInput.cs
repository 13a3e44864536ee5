using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A page of customers.</summary>
public sealed record ListCustomersInput
{
    /// <summary>Customers per page, 1 to 250 (default 50).</summary>
    [Description("Customers per page, 1 to 250 (default 50).")]
    public int? Limit { get; init; }

    /// <summary>next_page_info or previous_page_info of an earlier page; omit for the first page (filters are then ignored, as at Shopify).</summary>
    [Description("next_page_info or previous_page_info of an earlier page; omit for the first page (filters are then ignored, as at Shopify).")]
    public string? PageInfo { get; init; }

    /// <summary>Only customers created at or after this time.</summary>
    [Description("Only customers created at or after this time.")]
    public DateTimeOffset? CreatedAtMin { get; init; }

    /// <summary>Only customers updated at or after this time.</summary>
    [Description("Only customers updated at or after this time.")]
    public DateTimeOffset? UpdatedAtMin { get; init; }
}

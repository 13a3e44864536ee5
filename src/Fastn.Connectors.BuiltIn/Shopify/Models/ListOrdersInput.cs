using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A page of orders.</summary>
public sealed record ListOrdersInput
{
    /// <summary>Orders per page, 1 to 250 (default 50).</summary>
    [Description("Orders per page, 1 to 250 (default 50).")]
    public int? Limit { get; init; }

    /// <summary>next_page_info or previous_page_info of an earlier page; omit for the first page.</summary>
    [Description("next_page_info or previous_page_info of an earlier page; omit for the first page.")]
    public string? PageInfo { get; init; }

    /// <summary>open (Shopify's default), closed, cancelled or any.</summary>
    [Description("open (Shopify's default), closed, cancelled or any.")]
    public string? Status { get; init; }

    /// <summary>Filter: pending, authorized, paid, refunded, voided, unpaid, any …</summary>
    [Description("Filter: pending, authorized, paid, refunded, voided, unpaid, any …")]
    public string? FinancialStatus { get; init; }

    /// <summary>Filter: shipped, partial, unshipped, unfulfilled, any.</summary>
    [Description("Filter: shipped, partial, unshipped, unfulfilled, any.")]
    public string? FulfillmentStatus { get; init; }

    /// <summary>Only orders created at or after this time.</summary>
    [Description("Only orders created at or after this time.")]
    public DateTimeOffset? CreatedAtMin { get; init; }

    /// <summary>Only orders updated at or after this time.</summary>
    [Description("Only orders updated at or after this time.")]
    public DateTimeOffset? UpdatedAtMin { get; init; }
}

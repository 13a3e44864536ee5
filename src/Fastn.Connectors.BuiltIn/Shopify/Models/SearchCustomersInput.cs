using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A customer search.</summary>
public sealed record SearchCustomersInput
{
    /// <summary>Shopify search syntax: free text, or field:value terms such as email:bob@example.com, first_name:Bob, country:Canada, tag:vip.</summary>
    [Description("Shopify search syntax: free text, or field:value terms such as email:bob@example.com, first_name:Bob, country:Canada, tag:vip.")]
    public required string Query { get; init; }

    /// <summary>Customers per page, 1 to 250 (default 50).</summary>
    [Description("Customers per page, 1 to 250 (default 50).")]
    public int? Limit { get; init; }

    /// <summary>next_page_info of the previous page; omit for the first page.</summary>
    [Description("next_page_info of the previous page; omit for the first page.")]
    public string? PageInfo { get; init; }

    /// <summary>Sort, e.g. last_order_date DESC (Shopify's default) or updated_at ASC.</summary>
    [Description("Sort, e.g. last_order_date DESC (Shopify's default) or updated_at ASC.")]
    public string? Order { get; init; }
}

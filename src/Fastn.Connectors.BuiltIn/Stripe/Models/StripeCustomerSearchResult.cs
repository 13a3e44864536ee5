using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>One page of customer search results (<c>GET /v1/customers/search</c>).</summary>
public sealed record StripeCustomerSearchResult
{
    /// <summary>Always <c>search_result</c>.</summary>
    [Description("The object type, always \"search_result\".")]
    public string? Object { get; init; }

    /// <summary>The matching customers.</summary>
    [Description("The matching customers.")]
    public IReadOnlyList<StripeCustomer> Data { get; init; } = [];

    /// <summary>Whether more pages follow.</summary>
    [Description("True when more results follow; pass next_page as page.")]
    public bool HasMore { get; init; }

    /// <summary>The cursor of the next page.</summary>
    [Description("The cursor to pass as page for the next page of results.")]
    public string? NextPage { get; init; }

    /// <summary>The search's URL.</summary>
    [Description("The URL of the search.")]
    public string? Url { get; init; }
}

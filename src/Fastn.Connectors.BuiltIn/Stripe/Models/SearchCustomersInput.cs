using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>Input of <c>search_customers</c> (<c>GET /v1/customers/search</c>).</summary>
public sealed record SearchCustomersInput
{
    /// <summary>The search query in Stripe's query language.</summary>
    [Description("Stripe search query, like email:'ada@example.com' or name~'Ada' AND metadata['plan']:'pro'.")]
    public required string Query { get; init; }

    /// <summary>Page size, 1–100.</summary>
    [Description("How many customers to return, 1 to 100 (default 10).")]
    public int? Limit { get; init; }

    /// <summary>Cursor of the next page.</summary>
    [Description("For the next page: next_page from the previous result.")]
    public string? Page { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>Input of <c>list_customers</c> (<c>GET /v1/customers</c>).</summary>
public sealed record ListCustomersInput
{
    /// <summary>Page size, 1–100.</summary>
    [Description("How many customers to return, 1 to 100 (default 10).")]
    public int? Limit { get; init; }

    /// <summary>Cursor: the last id of the previous page.</summary>
    [Description("For the next page: the id of the last customer of the previous page.")]
    public string? StartingAfter { get; init; }

    /// <summary>Exact e-mail filter.</summary>
    [Description("Only customers with exactly this e-mail address (case-sensitive).")]
    public string? Email { get; init; }
}

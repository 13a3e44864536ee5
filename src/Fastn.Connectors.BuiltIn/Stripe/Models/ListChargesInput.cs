using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>Input of <c>list_charges</c> (<c>GET /v1/charges</c>).</summary>
public sealed record ListChargesInput
{
    /// <summary>Only this customer's charges.</summary>
    [Description("Only charges of this customer (cus_…).")]
    public string? Customer { get; init; }

    /// <summary>Only this payment intent's charges.</summary>
    [Description("Only charges of this payment intent (pi_…).")]
    public string? PaymentIntent { get; init; }

    /// <summary>Page size, 1–100.</summary>
    [Description("How many charges to return, 1 to 100 (default 10).")]
    public int? Limit { get; init; }

    /// <summary>Cursor: the last id of the previous page.</summary>
    [Description("For the next page: the id of the last charge of the previous page.")]
    public string? StartingAfter { get; init; }
}

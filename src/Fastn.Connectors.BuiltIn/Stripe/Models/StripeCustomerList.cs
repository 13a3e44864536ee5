using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>One page of customers (<c>GET /v1/customers</c>): pass the last id as <c>starting_after</c> while <see cref="HasMore"/>.</summary>
public sealed record StripeCustomerList
{
    /// <summary>Always <c>list</c>.</summary>
    [Description("The object type, always \"list\".")]
    public string? Object { get; init; }

    /// <summary>The customers on this page, newest first.</summary>
    [Description("The customers on this page, newest first.")]
    public IReadOnlyList<StripeCustomer> Data { get; init; } = [];

    /// <summary>Whether more pages follow.</summary>
    [Description("True when more customers follow; pass the last customer's id as starting_after.")]
    public bool HasMore { get; init; }

    /// <summary>The list's URL.</summary>
    [Description("The URL of the list.")]
    public string? Url { get; init; }
}

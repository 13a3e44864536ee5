using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>One page of charges (<c>GET /v1/charges</c>): pass the last id as <c>starting_after</c> while <see cref="HasMore"/>.</summary>
public sealed record StripeChargeList
{
    /// <summary>Always <c>list</c>.</summary>
    [Description("The object type, always \"list\".")]
    public string? Object { get; init; }

    /// <summary>The charges on this page, newest first.</summary>
    [Description("The charges on this page, newest first.")]
    public IReadOnlyList<StripeCharge> Data { get; init; } = [];

    /// <summary>Whether more pages follow.</summary>
    [Description("True when more charges follow; pass the last charge's id as starting_after.")]
    public bool HasMore { get; init; }

    /// <summary>The list's URL.</summary>
    [Description("The URL of the list.")]
    public string? Url { get; init; }
}

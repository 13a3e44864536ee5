using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>What Stripe answers to a delete: <c>{"id","object","deleted":true}</c>.</summary>
public sealed record StripeDeletedObject
{
    /// <summary>The deleted object's id.</summary>
    [Description("The id of the deleted object.")]
    public required string Id { get; init; }

    /// <summary>The deleted object's type.</summary>
    [Description("The type of the deleted object, like \"customer\".")]
    public string? Object { get; init; }

    /// <summary>Always true.</summary>
    [Description("True: the object is deleted.")]
    public bool Deleted { get; init; }
}

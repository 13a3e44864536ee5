using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>The input of actions that address one object by its Stripe id.</summary>
public sealed record StripeIdInput
{
    /// <summary>The object's id.</summary>
    [Description("The object's Stripe id: cus_… for customers, pi_… for payment intents, in_… for invoices.")]
    public required string Id { get; init; }
}

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>The input of actions that take none.</summary>
public sealed record StripeNoInput;

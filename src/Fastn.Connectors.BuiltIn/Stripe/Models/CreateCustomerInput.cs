using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>Input of <c>create_customer</c> (<c>POST /v1/customers</c>).</summary>
public sealed record CreateCustomerInput
{
    /// <summary>E-mail address.</summary>
    [Description("The customer's e-mail address.")]
    public string? Email { get; init; }

    /// <summary>Full name or business name.</summary>
    [Description("The customer's full name or business name.")]
    public string? Name { get; init; }

    /// <summary>Phone number.</summary>
    [Description("The customer's phone number.")]
    public string? Phone { get; init; }

    /// <summary>Free-text description.</summary>
    [Description("An arbitrary description of the customer.")]
    public string? Description { get; init; }

    /// <summary>Billing address.</summary>
    [Description("The customer's address.")]
    public StripeAddress? Address { get; init; }

    /// <summary>Key-value metadata.</summary>
    [Description("Your own key-value pairs (up to 50 keys) to attach.")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>Input of <c>update_customer</c> (<c>POST /v1/customers/{id}</c>); fields left out stay as they are.</summary>
public sealed record UpdateCustomerInput
{
    /// <summary>The customer's id.</summary>
    [Description("Id of the customer to change (cus_…).")]
    public required string Id { get; init; }

    /// <summary>E-mail address.</summary>
    [Description("New e-mail address.")]
    public string? Email { get; init; }

    /// <summary>Full name or business name.</summary>
    [Description("New full name or business name.")]
    public string? Name { get; init; }

    /// <summary>Phone number.</summary>
    [Description("New phone number.")]
    public string? Phone { get; init; }

    /// <summary>Free-text description.</summary>
    [Description("New description.")]
    public string? Description { get; init; }

    /// <summary>Billing address.</summary>
    [Description("New address; the fields given replace the old ones.")]
    public StripeAddress? Address { get; init; }

    /// <summary>Key-value metadata to merge; an empty value removes a key.</summary>
    [Description("Metadata keys to set; an empty value removes the key.")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

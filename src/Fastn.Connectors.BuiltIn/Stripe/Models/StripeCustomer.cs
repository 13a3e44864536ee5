using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Stripe.Models;

/// <summary>A Stripe <c>customer</c> object.</summary>
public sealed record StripeCustomer
{
    /// <summary>Stripe's id, <c>cus_…</c>.</summary>
    [Description("Stripe's customer id, like cus_NffrFeUfNV2Hib.")]
    public required string Id { get; init; }

    /// <summary>Always <c>customer</c>.</summary>
    [Description("The object type, always \"customer\".")]
    public string? Object { get; init; }

    /// <summary>Full name or business name.</summary>
    [Description("The customer's full name or business name.")]
    public string? Name { get; init; }

    /// <summary>E-mail address.</summary>
    [Description("The customer's e-mail address.")]
    public string? Email { get; init; }

    /// <summary>Phone number.</summary>
    [Description("The customer's phone number.")]
    public string? Phone { get; init; }

    /// <summary>Free-text description.</summary>
    [Description("An arbitrary description of the customer.")]
    public string? Description { get; init; }

    /// <summary>Billing address.</summary>
    [Description("The customer's address.")]
    public StripeAddress? Address { get; init; }

    /// <summary>Balance in minor units (negative = credit).</summary>
    [Description("Balance in the smallest currency unit; negative is credit applied to the next invoice.")]
    public long? Balance { get; init; }

    /// <summary>Default currency of recurring billing.</summary>
    [Description("Three-letter ISO currency code the customer is billed in, lower-case.")]
    public string? Currency { get; init; }

    /// <summary>Whether the latest invoice is unpaid past due.</summary>
    [Description("True when the customer's latest invoice payment failed or is past due.")]
    public bool? Delinquent { get; init; }

    /// <summary>Prefix of the customer's invoice numbers.</summary>
    [Description("The prefix of the customer's invoice numbers.")]
    public string? InvoicePrefix { get; init; }

    /// <summary>Creation time, Unix seconds.</summary>
    [Description("When the customer was created, in seconds since the Unix epoch.")]
    public long Created { get; init; }

    /// <summary>Live or test mode.</summary>
    [Description("True in live mode, false in test mode.")]
    public bool Livemode { get; init; }

    /// <summary>Key-value metadata.</summary>
    [Description("Your own key-value pairs attached to the customer.")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A Shopify customer (Admin REST API customer resource).</summary>
public sealed record ShopifyCustomer
{
    /// <summary>The customer's id.</summary>
    [Description("The customer's id.")]
    public required long Id { get; init; }

    /// <summary>The customer's e-mail address (unique per shop).</summary>
    [Description("The customer's e-mail address (unique per shop).")]
    public string? Email { get; init; }

    /// <summary>Given name.</summary>
    [Description("Given name.")]
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    [Description("Family name.")]
    public string? LastName { get; init; }

    /// <summary>Phone number in E.164 format (unique per shop).</summary>
    [Description("Phone number in E.164 format (unique per shop).")]
    public string? Phone { get; init; }

    /// <summary>Tags, comma-separated ("vip, wholesale").</summary>
    [Description("Tags, comma-separated (\"vip, wholesale\").")]
    public string? Tags { get; init; }

    /// <summary>Account state: disabled, invited, enabled or declined.</summary>
    [Description("Account state: disabled, invited, enabled or declined.")]
    public string? State { get; init; }

    /// <summary>A note about the customer.</summary>
    [Description("A note about the customer.")]
    public string? Note { get; init; }

    /// <summary>Whether the e-mail address was verified.</summary>
    [Description("Whether the e-mail address was verified.")]
    public bool? VerifiedEmail { get; init; }

    /// <summary>Number of orders the customer placed.</summary>
    [Description("Number of orders the customer placed.")]
    public int? OrdersCount { get; init; }

    /// <summary>Total amount spent, a decimal string in the shop currency.</summary>
    [Description("Total amount spent, a decimal string in the shop currency.")]
    public string? TotalSpent { get; init; }

    /// <summary>Currency of the customer's last order.</summary>
    [Description("Currency of the customer's last order.")]
    public string? Currency { get; init; }

    /// <summary>When the customer was created.</summary>
    [Description("When the customer was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the customer last changed.</summary>
    [Description("When the customer last changed.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The default address.</summary>
    [Description("The default address.")]
    public ShopifyAddress? DefaultAddress { get; init; }

    /// <summary>Every address of the customer.</summary>
    [Description("Every address of the customer.")]
    public IReadOnlyList<ShopifyAddress>? Addresses { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>The shop the connection belongs to.</summary>
public sealed record ShopifyShop
{
    /// <summary>The shop's id.</summary>
    [Description("The shop's id.")]
    public required long Id { get; init; }

    /// <summary>Shop name.</summary>
    [Description("Shop name.")]
    public string? Name { get; init; }

    /// <summary>Shop owner's contact e-mail.</summary>
    [Description("Shop owner's contact e-mail.")]
    public string? Email { get; init; }

    /// <summary>The shop's primary domain.</summary>
    [Description("The shop's primary domain.")]
    public string? Domain { get; init; }

    /// <summary>The shop's {shop}.myshopify.com domain.</summary>
    [Description("The shop's {shop}.myshopify.com domain.")]
    public string? MyshopifyDomain { get; init; }

    /// <summary>The shop's default currency.</summary>
    [Description("The shop's default currency.")]
    public string? Currency { get; init; }

    /// <summary>Time zone, IANA name.</summary>
    [Description("Time zone, IANA name.")]
    public string? IanaTimezone { get; init; }

    /// <summary>The Shopify plan.</summary>
    [Description("The Shopify plan.")]
    public string? PlanName { get; init; }

    /// <summary>Country of the shop's address.</summary>
    [Description("Country of the shop's address.")]
    public string? CountryCode { get; init; }
}

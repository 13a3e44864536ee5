using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A new customer.</summary>
public sealed record CreateCustomerInput
{
    /// <summary>E-mail address (unique per shop).</summary>
    [Description("E-mail address (unique per shop).")]
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

    /// <summary>Tags; sent to Shopify as one comma-separated string.</summary>
    [Description("Tags; sent to Shopify as one comma-separated string.")]
    public IReadOnlyList<string>? Tags { get; init; }

    /// <summary>A note about the customer.</summary>
    [Description("A note about the customer.")]
    public string? Note { get; init; }

    /// <summary>Whether the e-mail address is already verified.</summary>
    [Description("Whether the e-mail address is already verified.")]
    public bool? VerifiedEmail { get; init; }

    /// <summary>Send the customer an account invite e-mail.</summary>
    [Description("Send the customer an account invite e-mail.")]
    public bool? SendEmailInvite { get; init; }

    /// <summary>Addresses; the first becomes the default address.</summary>
    [Description("Addresses; the first becomes the default address.")]
    public IReadOnlyList<ShopifyAddress>? Addresses { get; init; }
}

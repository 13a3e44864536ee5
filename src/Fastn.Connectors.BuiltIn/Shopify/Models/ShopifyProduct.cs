using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A Shopify product (Admin REST API product resource).</summary>
public sealed record ShopifyProduct
{
    /// <summary>The product's id.</summary>
    [Description("The product's id.")]
    public required long Id { get; init; }

    /// <summary>Product name.</summary>
    [Description("Product name.")]
    public string? Title { get; init; }

    /// <summary>Description, HTML.</summary>
    [Description("Description, HTML.")]
    public string? BodyHtml { get; init; }

    /// <summary>Vendor (brand).</summary>
    [Description("Vendor (brand).")]
    public string? Vendor { get; init; }

    /// <summary>Product type (category).</summary>
    [Description("Product type (category).")]
    public string? ProductType { get; init; }

    /// <summary>URL handle.</summary>
    [Description("URL handle.")]
    public string? Handle { get; init; }

    /// <summary>active, draft or archived.</summary>
    [Description("active, draft or archived.")]
    public string? Status { get; init; }

    /// <summary>Tags, comma-separated.</summary>
    [Description("Tags, comma-separated.")]
    public string? Tags { get; init; }

    /// <summary>The variants (at least one).</summary>
    [Description("The variants (at least one).")]
    public IReadOnlyList<ShopifyVariant> Variants { get; init; } = [];

    /// <summary>When the product was created.</summary>
    [Description("When the product was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the product last changed.</summary>
    [Description("When the product last changed.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>When the product was published, null when unpublished.</summary>
    [Description("When the product was published, null when unpublished.")]
    public DateTimeOffset? PublishedAt { get; init; }
}

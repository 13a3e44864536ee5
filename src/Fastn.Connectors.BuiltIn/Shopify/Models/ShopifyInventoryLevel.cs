using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>The stock of one inventory item at one location.</summary>
public sealed record ShopifyInventoryLevel
{
    /// <summary>The inventory item (a variant's inventory_item_id).</summary>
    [Description("The inventory item (a variant's inventory_item_id).")]
    public required long InventoryItemId { get; init; }

    /// <summary>The location.</summary>
    [Description("The location.")]
    public required long LocationId { get; init; }

    /// <summary>Units available to sell; null when the item is not tracked.</summary>
    [Description("Units available to sell; null when the item is not tracked.")]
    public int? Available { get; init; }

    /// <summary>When the level last changed.</summary>
    [Description("When the level last changed.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The level's GraphQL id (gid://shopify/InventoryLevel/…).</summary>
    [Description("The level's GraphQL id (gid://shopify/InventoryLevel/…).")]
    public string? AdminGraphqlApiId { get; init; }
}

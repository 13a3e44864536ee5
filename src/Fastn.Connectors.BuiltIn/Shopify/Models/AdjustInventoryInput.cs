using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A relative change of the available stock of an item at a location.</summary>
public sealed record AdjustInventoryInput
{
    /// <summary>The inventory item (a variant's inventory_item_id).</summary>
    [Description("The inventory item (a variant's inventory_item_id).")]
    public required long InventoryItemId { get; init; }

    /// <summary>The location.</summary>
    [Description("The location.")]
    public required long LocationId { get; init; }

    /// <summary>Units to add (positive) or remove (negative).</summary>
    [Description("Units to add (positive) or remove (negative).")]
    public required int AvailableAdjustment { get; init; }
}

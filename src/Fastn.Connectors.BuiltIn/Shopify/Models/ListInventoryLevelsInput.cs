using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.Shopify.Models;

/// <summary>A page of inventory levels (give inventory items, locations or both).</summary>
public sealed record ListInventoryLevelsInput
{
    /// <summary>Inventory item ids (up to 50).</summary>
    [Description("Inventory item ids (up to 50).")]
    public IReadOnlyList<long>? InventoryItemIds { get; init; }

    /// <summary>Location ids (up to 50).</summary>
    [Description("Location ids (up to 50).")]
    public IReadOnlyList<long>? LocationIds { get; init; }

    /// <summary>Levels per page, 1 to 250 (default 50).</summary>
    [Description("Levels per page, 1 to 250 (default 50).")]
    public int? Limit { get; init; }

    /// <summary>next_page_info of the previous page; omit for the first page.</summary>
    [Description("next_page_info of the previous page; omit for the first page.")]
    public string? PageInfo { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.QuickBooks.Models;

/// <summary>A QuickBooks Online item (product or service).</summary>
public sealed record QuickBooksItem
{
    /// <summary>The item's Id.</summary>
    [Description("The item's Id.")]
    public string? Id { get; init; }

    /// <summary>Version for optimistic locking.</summary>
    [Description("Version for optimistic locking.")]
    public string? SyncToken { get; init; }

    /// <summary>Name.</summary>
    [Description("Item name.")]
    public string? Name { get; init; }

    /// <summary>Fully qualified name (with parent categories).</summary>
    [Description("Name with parent categories, e.g. Garden:Rocks.")]
    public string? FullyQualifiedName { get; init; }

    /// <summary>Stock-keeping unit.</summary>
    [Description("Stock-keeping unit.")]
    public string? Sku { get; init; }

    /// <summary>Sales description.</summary>
    [Description("Description shown on sales forms.")]
    public string? Description { get; init; }

    /// <summary><c>Inventory</c>, <c>NonInventory</c>, <c>Service</c> or <c>Category</c>.</summary>
    [Description("Inventory, NonInventory, Service or Category.")]
    public string? Type { get; init; }

    /// <summary>Whether the item is active.</summary>
    [Description("Whether the item is active.")]
    public bool? Active { get; init; }

    /// <summary>Sales price.</summary>
    [Description("Sales price per unit.")]
    public decimal? UnitPrice { get; init; }

    /// <summary>Purchase cost.</summary>
    [Description("Purchase cost per unit.")]
    public decimal? PurchaseCost { get; init; }

    /// <summary>Quantity on hand (inventory items).</summary>
    [Description("Quantity on hand (inventory items).")]
    public decimal? QtyOnHand { get; init; }

    /// <summary>Whether quantity is tracked.</summary>
    [Description("Whether quantity on hand is tracked.")]
    public bool? TrackQtyOnHand { get; init; }

    /// <summary>The income account sales post to.</summary>
    [Description("Income account sales post to.")]
    public QuickBooksRef? IncomeAccountRef { get; init; }

    /// <summary>Creation and change times.</summary>
    [Description("Creation and last-change times.")]
    public QuickBooksMetaData? MetaData { get; init; }
}

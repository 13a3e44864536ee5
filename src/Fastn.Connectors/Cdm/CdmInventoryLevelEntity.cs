namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMInventoryLevel</c>: the stock of one product or variant at one location.</summary>
public sealed class CdmInventoryLevelEntity : CdmEntity
{
    internal CdmInventoryLevelEntity()
        : base("CDMInventoryLevel", "1.0.0", "The stock of one product or variant at one location (warehouse, store).")
    {
        Id = Field("id", CdmFieldType.String, true, "The inventory level's id in the app it came from.");
        ProductId = Field("productId", CdmFieldType.String, false, "Id of the stocked product (a CDMProduct).");
        VariantId = Field("variantId", CdmFieldType.String, false, "Id of the stocked product variant.");
        Sku = Field("sku", CdmFieldType.String, false, "Stock keeping unit of the stocked item.");
        LocationId = Field("locationId", CdmFieldType.String, true, "Id of the warehouse, store or other location holding the stock.");
        Available = Field("available", CdmFieldType.Integer, true, "Units that can be sold now (on hand minus committed).");
        OnHand = Field("onHand", CdmFieldType.Integer, false, "Units physically at the location.");
        Committed = Field("committed", CdmFieldType.Integer, false, "Units reserved for open orders but not yet shipped.");
        UpdatedAt = Field("updatedAt", CdmFieldType.DateTime, false, "When the level last changed in the source app.");
    }

    /// <summary>The inventory level's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>Id of the stocked product.</summary>
    public CdmField ProductId { get; }
    /// <summary>Id of the stocked variant.</summary>
    public CdmField VariantId { get; }
    /// <summary>Stock keeping unit.</summary>
    public CdmField Sku { get; }
    /// <summary>Id of the location (required).</summary>
    public CdmField LocationId { get; }
    /// <summary>Units available to sell (required).</summary>
    public CdmField Available { get; }
    /// <summary>Units physically on hand.</summary>
    public CdmField OnHand { get; }
    /// <summary>Units reserved for open orders.</summary>
    public CdmField Committed { get; }
    /// <summary>Last change time.</summary>
    public CdmField UpdatedAt { get; }
}

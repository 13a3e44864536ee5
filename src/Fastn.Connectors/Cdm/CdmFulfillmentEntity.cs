namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMFulfillment</c>: a shipment of some or all of an order's items.</summary>
public sealed class CdmFulfillmentEntity : CdmEntity
{
    internal CdmFulfillmentEntity()
        : base("CDMFulfillment", "1.0.0", "A shipment of some or all of an order's items, with carrier tracking.")
    {
        Id = Field("id", CdmFieldType.String, true, "The fulfillment's id in the app it came from.");
        OrderId = Field("orderId", CdmFieldType.String, true, "Id of the order (a CDMOrder) being fulfilled.");
        Status = Field("status", CdmFieldType.Enum, false, "Where the shipment is in its journey.", enumValues: ["pending", "in_transit", "delivered", "failed", "cancelled"]);
        TrackingCompany = Field("trackingCompany", CdmFieldType.String, false, "Carrier name, e.g. \"UPS\" or \"DHL Express\".");
        TrackingNumber = Field("trackingNumber", CdmFieldType.String, false, "Carrier's tracking number for the shipment.");
        TrackingUrl = Field("trackingUrl", CdmFieldType.Url, false, "Web page where the shipment can be tracked.");
        LineItems = Field("lineItems", CdmFieldType.Array, false, "The order lines included in this shipment.", itemType: CdmFieldType.Object, properties:
        [
            Nested("lineItemId", CdmFieldType.String, false, "Id of the order line item shipped."),
            Nested("sku", CdmFieldType.String, false, "Stock keeping unit of the shipped item."),
            Nested("quantity", CdmFieldType.Integer, false, "Number of units shipped."),
        ]);
        ShippedAt = Field("shippedAt", CdmFieldType.DateTime, false, "When the shipment left the sender.");
        DeliveredAt = Field("deliveredAt", CdmFieldType.DateTime, false, "When the shipment reached the recipient.");
        CreatedAt = Field("createdAt", CdmFieldType.DateTime, false, "When the record was created in the source app.");
        UpdatedAt = Field("updatedAt", CdmFieldType.DateTime, false, "When the record last changed in the source app.");
    }

    /// <summary>The fulfillment's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>Id of the fulfilled order (required).</summary>
    public CdmField OrderId { get; }
    /// <summary>Shipment status: pending, in_transit, delivered, failed or cancelled.</summary>
    public CdmField Status { get; }
    /// <summary>Carrier name.</summary>
    public CdmField TrackingCompany { get; }
    /// <summary>Carrier tracking number.</summary>
    public CdmField TrackingNumber { get; }
    /// <summary>Tracking page URL.</summary>
    public CdmField TrackingUrl { get; }
    /// <summary>Shipped lines (objects with lineItemId, sku, quantity).</summary>
    public CdmField LineItems { get; }
    /// <summary>Ship time.</summary>
    public CdmField ShippedAt { get; }
    /// <summary>Delivery time.</summary>
    public CdmField DeliveredAt { get; }
    /// <summary>Creation time.</summary>
    public CdmField CreatedAt { get; }
    /// <summary>Last change time.</summary>
    public CdmField UpdatedAt { get; }
}

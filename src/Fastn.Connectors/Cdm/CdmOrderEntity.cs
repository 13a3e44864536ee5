namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMOrder</c>: a customer's purchase of one or more products.</summary>
public sealed class CdmOrderEntity : CdmEntity
{
    internal CdmOrderEntity()
        : base("CDMOrder", "1.0.0", "A customer's purchase of one or more products, with totals and addresses.")
    {
        Id = Field("id", CdmFieldType.String, true, "The order's id in the app it came from.");
        OrderNumber = Field("orderNumber", CdmFieldType.String, false, "Human-facing order number, e.g. \"#1001\".");
        CustomerId = Field("customerId", CdmFieldType.String, false, "Id of the buying customer (a CDMContact) in the source app.");
        Email = Field("email", CdmFieldType.Email, false, "E-mail address the order confirmation went to.");
        Status = Field("status", CdmFieldType.Enum, false, "Where the order is in its lifecycle.", enumValues: ["pending", "paid", "fulfilled", "cancelled", "refunded"]);
        Currency = Field("currency", CdmFieldType.String, false, "ISO 4217 currency code of all amounts on the order.");
        LineItems = Field("lineItems", CdmFieldType.Array, false, "The products bought, one entry per product or variant.", itemType: CdmFieldType.Object, properties:
        [
            Nested("productId", CdmFieldType.String, false, "Id of the ordered product (a CDMProduct)."),
            Nested("variantId", CdmFieldType.String, false, "Id of the ordered product variant."),
            Nested("sku", CdmFieldType.String, false, "Stock keeping unit of the ordered item."),
            Nested("name", CdmFieldType.String, false, "Item name as shown on the order."),
            Nested("quantity", CdmFieldType.Integer, false, "Number of units ordered."),
            Nested("unitPrice", CdmFieldType.Money, false, "Price of one unit in major units."),
            Nested("total", CdmFieldType.Money, false, "Line total in major units after line discounts."),
        ]);
        Subtotal = Field("subtotal", CdmFieldType.Money, false, "Sum of line totals before tax and shipping.");
        Tax = Field("tax", CdmFieldType.Money, false, "Total tax charged on the order.");
        Shipping = Field("shipping", CdmFieldType.Money, false, "Total shipping charged on the order.");
        Total = Field("total", CdmFieldType.Money, true, "Grand total the customer pays, in major units.");
        BillingAddress = Field("billingAddress", CdmFieldType.Object, false, "Address the order is billed to.", properties: CdmAddress.Fields(this));
        ShippingAddress = Field("shippingAddress", CdmFieldType.Object, false, "Address the order ships to.", properties: CdmAddress.Fields(this));
        PlacedAt = Field("placedAt", CdmFieldType.DateTime, false, "When the customer placed the order.");
        CreatedAt = Field("createdAt", CdmFieldType.DateTime, false, "When the record was created in the source app.");
        UpdatedAt = Field("updatedAt", CdmFieldType.DateTime, false, "When the record last changed in the source app.");
    }

    /// <summary>The order's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>Human-facing order number.</summary>
    public CdmField OrderNumber { get; }
    /// <summary>Id of the buying customer.</summary>
    public CdmField CustomerId { get; }
    /// <summary>Confirmation e-mail address.</summary>
    public CdmField Email { get; }
    /// <summary>Lifecycle status: pending, paid, fulfilled, cancelled or refunded.</summary>
    public CdmField Status { get; }
    /// <summary>Currency of all amounts (ISO 4217).</summary>
    public CdmField Currency { get; }
    /// <summary>Ordered items (objects with productId, variantId, sku, name, quantity, unitPrice, total).</summary>
    public CdmField LineItems { get; }
    /// <summary>Sum of line totals before tax and shipping.</summary>
    public CdmField Subtotal { get; }
    /// <summary>Total tax.</summary>
    public CdmField Tax { get; }
    /// <summary>Total shipping.</summary>
    public CdmField Shipping { get; }
    /// <summary>Grand total (required).</summary>
    public CdmField Total { get; }
    /// <summary>Billing address (<see cref="CdmAddress"/> object).</summary>
    public CdmField BillingAddress { get; }
    /// <summary>Shipping address (<see cref="CdmAddress"/> object).</summary>
    public CdmField ShippingAddress { get; }
    /// <summary>When the order was placed.</summary>
    public CdmField PlacedAt { get; }
    /// <summary>Creation time.</summary>
    public CdmField CreatedAt { get; }
    /// <summary>Last change time.</summary>
    public CdmField UpdatedAt { get; }
}

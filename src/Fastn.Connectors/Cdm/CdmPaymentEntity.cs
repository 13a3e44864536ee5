namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMPayment</c>: money received from (or attempted by) a customer.</summary>
public sealed class CdmPaymentEntity : CdmEntity
{
    internal CdmPaymentEntity()
        : base("CDMPayment", "1.0.0", "Money received from, or attempted by, a customer: a charge, payment intent or invoice payment.")
    {
        Id = Field("id", CdmFieldType.String, true, "The payment's id in the app it came from.");
        Amount = Field("amount", CdmFieldType.Money, true, "Amount paid in major units (12.50, not 1250 cents).");
        Currency = Field("currency", CdmFieldType.String, true, "ISO 4217 currency code of the amount.");
        Status = Field("status", CdmFieldType.Enum, false, "Outcome of the payment.", enumValues: ["pending", "succeeded", "failed", "refunded", "cancelled"]);
        Method = Field("method", CdmFieldType.String, false, "How the customer paid, e.g. \"card\", \"bank_transfer\", \"paypal\".");
        CustomerId = Field("customerId", CdmFieldType.String, false, "Id of the paying customer in the source app.");
        InvoiceId = Field("invoiceId", CdmFieldType.String, false, "Id of the invoice (a CDMInvoice) the payment settles.");
        OrderId = Field("orderId", CdmFieldType.String, false, "Id of the order (a CDMOrder) the payment is for.");
        PaymentDescription = Field("description", CdmFieldType.String, false, "Free-text description or statement descriptor.");
        RefundedAmount = Field("refundedAmount", CdmFieldType.Money, false, "Part of the amount refunded so far, in major units.");
        CreatedAt = Field("createdAt", CdmFieldType.DateTime, false, "When the record was created in the source app.");
        UpdatedAt = Field("updatedAt", CdmFieldType.DateTime, false, "When the record last changed in the source app.");
    }

    /// <summary>The payment's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>Amount in major units (required).</summary>
    public CdmField Amount { get; }
    /// <summary>Currency (ISO 4217, required).</summary>
    public CdmField Currency { get; }
    /// <summary>Outcome: pending, succeeded, failed, refunded or cancelled.</summary>
    public CdmField Status { get; }
    /// <summary>Payment method.</summary>
    public CdmField Method { get; }
    /// <summary>Paying customer id.</summary>
    public CdmField CustomerId { get; }
    /// <summary>Settled invoice id.</summary>
    public CdmField InvoiceId { get; }
    /// <summary>Paid order id.</summary>
    public CdmField OrderId { get; }
    /// <summary>Free-text description, JSON <c>description</c>; not called <c>Description</c>, which describes the entity itself.</summary>
    public CdmField PaymentDescription { get; }
    /// <summary>Amount refunded so far.</summary>
    public CdmField RefundedAmount { get; }
    /// <summary>Creation time.</summary>
    public CdmField CreatedAt { get; }
    /// <summary>Last change time.</summary>
    public CdmField UpdatedAt { get; }
}

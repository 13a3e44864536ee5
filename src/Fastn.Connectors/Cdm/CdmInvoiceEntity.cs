namespace Fastn.Connectors.Cdm;

/// <summary><c>CDMInvoice</c>: a bill sent to a customer for goods or services.</summary>
public sealed class CdmInvoiceEntity : CdmEntity
{
    internal CdmInvoiceEntity()
        : base("CDMInvoice", "1.0.0", "A bill sent to a customer for goods or services, with lines, totals and payment state.")
    {
        Id = Field("id", CdmFieldType.String, true, "The invoice's id in the app it came from.");
        Number = Field("number", CdmFieldType.String, false, "Human-facing invoice number, e.g. \"INV-0042\".");
        CustomerId = Field("customerId", CdmFieldType.String, false, "Id of the billed customer (a CDMContact or CDMCompany) in the source app.");
        Status = Field("status", CdmFieldType.Enum, false, "Where the invoice is in its lifecycle.", enumValues: ["draft", "open", "paid", "void", "uncollectible"]);
        Currency = Field("currency", CdmFieldType.String, false, "ISO 4217 currency code of all amounts on the invoice.");
        LineItems = Field("lineItems", CdmFieldType.Array, false, "The billed goods or services, one entry per line.", itemType: CdmFieldType.Object, properties:
        [
            Nested("description", CdmFieldType.String, false, "What the line bills for."),
            Nested("quantity", CdmFieldType.Decimal, false, "Number of units billed; may be fractional (hours)."),
            Nested("unitPrice", CdmFieldType.Money, false, "Price of one unit in major units."),
            Nested("amount", CdmFieldType.Money, false, "Line amount in major units before tax."),
            Nested("taxAmount", CdmFieldType.Money, false, "Tax charged on the line."),
        ]);
        Subtotal = Field("subtotal", CdmFieldType.Money, false, "Sum of line amounts before tax.");
        Tax = Field("tax", CdmFieldType.Money, false, "Total tax on the invoice.");
        Total = Field("total", CdmFieldType.Money, true, "Invoice total including tax, in major units.");
        AmountDue = Field("amountDue", CdmFieldType.Money, false, "Amount still owed by the customer.");
        AmountPaid = Field("amountPaid", CdmFieldType.Money, false, "Amount already paid against the invoice.");
        IssueDate = Field("issueDate", CdmFieldType.Date, false, "Calendar date the invoice was issued.");
        DueDate = Field("dueDate", CdmFieldType.Date, false, "Calendar date payment is due.");
        CreatedAt = Field("createdAt", CdmFieldType.DateTime, false, "When the record was created in the source app.");
        UpdatedAt = Field("updatedAt", CdmFieldType.DateTime, false, "When the record last changed in the source app.");
    }

    /// <summary>The invoice's id in the app it came from (required).</summary>
    public CdmField Id { get; }
    /// <summary>Human-facing invoice number.</summary>
    public CdmField Number { get; }
    /// <summary>Id of the billed customer.</summary>
    public CdmField CustomerId { get; }
    /// <summary>Lifecycle status: draft, open, paid, void or uncollectible.</summary>
    public CdmField Status { get; }
    /// <summary>Currency of all amounts (ISO 4217).</summary>
    public CdmField Currency { get; }
    /// <summary>Billed lines (objects with description, quantity, unitPrice, amount, taxAmount).</summary>
    public CdmField LineItems { get; }
    /// <summary>Sum of line amounts before tax.</summary>
    public CdmField Subtotal { get; }
    /// <summary>Total tax.</summary>
    public CdmField Tax { get; }
    /// <summary>Invoice total (required).</summary>
    public CdmField Total { get; }
    /// <summary>Amount still owed.</summary>
    public CdmField AmountDue { get; }
    /// <summary>Amount already paid.</summary>
    public CdmField AmountPaid { get; }
    /// <summary>Issue date.</summary>
    public CdmField IssueDate { get; }
    /// <summary>Due date.</summary>
    public CdmField DueDate { get; }
    /// <summary>Creation time.</summary>
    public CdmField CreatedAt { get; }
    /// <summary>Last change time.</summary>
    public CdmField UpdatedAt { get; }
}

namespace Fastn.Connectors.Cdm;

/// <summary>
/// The Canonical Data Model catalog (v1). Each member is one entity whose fields are typed members:
/// <c>Cdm.Contact.Email</c>, <c>Cdm.Product.Sku</c>.
/// </summary>
public static class Cdm
{
    /// <summary>The catalog version; raised when any entity's major version changes.</summary>
    public const string CatalogVersion = "1.0.0";

    /// <summary><c>CDMContact</c>.</summary>
    public static CdmContactEntity Contact { get; } = new();

    /// <summary><c>CDMProduct</c>: Something a business sells.</summary>
    public static CdmProductEntity Product { get; } = new();

    /// <summary><c>CDMOrder</c>: A customer's purchase.</summary>
    public static CdmOrderEntity Order { get; } = new();

    /// <summary><c>CDMInvoice</c>: A bill sent to a customer.</summary>
    public static CdmInvoiceEntity Invoice { get; } = new();

    /// <summary><c>CDMInventoryLevel</c>: Stock of one item at one location.</summary>
    public static CdmInventoryLevelEntity InventoryLevel { get; } = new();

    /// <summary><c>CDMFulfillment</c>: A shipment of an order's items.</summary>
    public static CdmFulfillmentEntity Fulfillment { get; } = new();

    /// <summary><c>CDMCompany</c>: An organisation a business deals with.</summary>
    public static CdmCompanyEntity Company { get; } = new();

    /// <summary><c>CDMDeal</c>: A sales opportunity.</summary>
    public static CdmDealEntity Deal { get; } = new();

    /// <summary><c>CDMPayment</c>: Money received from a customer.</summary>
    public static CdmPaymentEntity Payment { get; } = new();

    /// <summary><c>CDMMessage</c>: A chat message.</summary>
    public static CdmMessageEntity Message { get; } = new();

    /// <summary><c>CDMIssue</c>: A tracked work item or ticket.</summary>
    public static CdmIssueEntity Issue { get; } = new();

    /// <summary><c>CDMUser</c>: A person's account in the app itself.</summary>
    public static CdmUserEntity User { get; } = new();

    /// <summary>Every entity in the catalog.</summary>
    public static IReadOnlyList<CdmEntity> All { get; } =
    [
        Contact, Product, Order, Invoice, InventoryLevel, Fulfillment,
        Company, Deal, Payment, Message, Issue, User,
    ];

    /// <summary>Finds an entity by name (<c>CDMContact</c>), or <see langword="null"/>.</summary>
    public static CdmEntity? Find(string name) => All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.Ordinal));
}

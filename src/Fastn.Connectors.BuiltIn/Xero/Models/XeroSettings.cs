using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Fastn.Connectors.BuiltIn.Xero.Models;

/// <summary>An account of the chart of accounts.</summary>
public sealed record XeroAccount
{
    /// <summary>Xero's id of the account.</summary>
    [JsonPropertyName("AccountID"), Description("Xero identifier of the account.")]
    public string AccountId { get; init; } = "";

    /// <summary>Account code (200).</summary>
    [Description("Account code, e.g. 200.")]
    public string? Code { get; init; }

    /// <summary>Name.</summary>
    [Description("Account name.")]
    public string? Name { get; init; }

    /// <summary>Account type (BANK, REVENUE, EXPENSE…).</summary>
    [Description("Account type: BANK, CURRENT, EXPENSE, REVENUE, SALES, …")]
    public string? Type { get; init; }

    /// <summary>ACTIVE or ARCHIVED.</summary>
    [Description("ACTIVE, ARCHIVED or DELETED.")]
    public string? Status { get; init; }

    /// <summary>ASSET, EQUITY, EXPENSE, LIABILITY or REVENUE.</summary>
    [Description("ASSET, EQUITY, EXPENSE, LIABILITY or REVENUE.")]
    public string? Class { get; init; }

    /// <summary>Default tax type.</summary>
    [Description("Default tax type of the account.")]
    public string? TaxType { get; init; }

    /// <summary>Description.</summary>
    [Description("Description of the account.")]
    public string? Description { get; init; }

    /// <summary>Whether payments can be made to the account.</summary>
    [Description("Whether payments can be applied to this account.")]
    public bool? EnablePaymentsToAccount { get; init; }

    /// <summary>Bank account number, for BANK accounts.</summary>
    [Description("Bank account number (BANK accounts only).")]
    public string? BankAccountNumber { get; init; }

    /// <summary>Currency, for BANK accounts.</summary>
    [Description("Currency of a BANK account.")]
    public string? CurrencyCode { get; init; }

    /// <summary>Last change.</summary>
    [JsonPropertyName("UpdatedDateUTC"), Description("When the account last changed, /Date(milliseconds+0000)/.")]
    public string? UpdatedDateUtc { get; init; }
}

/// <summary>A product or service kept as a Xero item.</summary>
public sealed record XeroItem
{
    /// <summary>Xero's id of the item.</summary>
    [JsonPropertyName("ItemID"), Description("Xero identifier of the item.")]
    public string ItemId { get; init; } = "";

    /// <summary>Item code (SKU).</summary>
    [Description("User-defined item code (SKU), up to 30 characters.")]
    public string Code { get; init; } = "";

    /// <summary>Name.</summary>
    [Description("Name of the item.")]
    public string? Name { get; init; }

    /// <summary>Sales description.</summary>
    [Description("Description used on sales invoices.")]
    public string? Description { get; init; }

    /// <summary>Purchase description.</summary>
    [Description("Description used on bills.")]
    public string? PurchaseDescription { get; init; }

    /// <summary>Whether it is sold.</summary>
    [Description("Whether the item is sold.")]
    public bool? IsSold { get; init; }

    /// <summary>Whether it is purchased.</summary>
    [Description("Whether the item is purchased.")]
    public bool? IsPurchased { get; init; }

    /// <summary>Whether stock is tracked.</summary>
    [Description("Whether Xero tracks stock of the item.")]
    public bool? IsTrackedAsInventory { get; init; }

    /// <summary>Quantity on hand, for tracked items.</summary>
    [Description("Quantity on hand (tracked items only).")]
    public decimal? QuantityOnHand { get; init; }

    /// <summary>Sales price and account.</summary>
    [Description("Sales unit price, account and tax type.")]
    public XeroItemPrice? SalesDetails { get; init; }

    /// <summary>Purchase price and account.</summary>
    [Description("Purchase unit price, account and tax type.")]
    public XeroItemPrice? PurchaseDetails { get; init; }

    /// <summary>Last change.</summary>
    [JsonPropertyName("UpdatedDateUTC"), Description("When the item last changed, /Date(milliseconds+0000)/.")]
    public string? UpdatedDateUtc { get; init; }
}

/// <summary>Sales or purchase details of an item.</summary>
public sealed record XeroItemPrice
{
    /// <summary>Unit price.</summary>
    [Description("Unit price.")]
    public decimal? UnitPrice { get; init; }

    /// <summary>Account code.</summary>
    [Description("Account code the price posts to.")]
    public string? AccountCode { get; init; }

    /// <summary>Tax type.</summary>
    [Description("Tax type.")]
    public string? TaxType { get; init; }
}

/// <summary>The Xero organisation (tenant) a connection reads and writes.</summary>
public sealed record XeroOrganisation
{
    /// <summary>Xero's id of the organisation.</summary>
    [JsonPropertyName("OrganisationID"), Description("Xero identifier of the organisation.")]
    public string OrganisationId { get; init; } = "";

    /// <summary>Display name.</summary>
    [Description("Display name of the organisation.")]
    public string? Name { get; init; }

    /// <summary>Legal name.</summary>
    [Description("Legal name of the organisation.")]
    public string? LegalName { get; init; }

    /// <summary>Short code used in deep links.</summary>
    [Description("Short code, used in Xero deep links.")]
    public string? ShortCode { get; init; }

    /// <summary>Base currency.</summary>
    [Description("Base currency (ISO 4217).")]
    public string? BaseCurrency { get; init; }

    /// <summary>Country code.</summary>
    [Description("Country (ISO 3166-1 alpha-2).")]
    public string? CountryCode { get; init; }

    /// <summary>COMPANY, CHARITY, …</summary>
    [Description("Organisation type: COMPANY, CHARITY, PARTNERSHIP, …")]
    public string? OrganisationType { get; init; }

    /// <summary>ACTIVE…</summary>
    [Description("Organisation status, e.g. ACTIVE.")]
    public string? OrganisationStatus { get; init; }

    /// <summary>Whether it is Xero's demo company.</summary>
    [Description("Whether this is the Xero demo company.")]
    public bool? IsDemoCompany { get; init; }

    /// <summary>Xero region version (AU, NZ, UK, US, GLOBAL).</summary>
    [Description("Xero version: AU, NZ, UK, US, GLOBAL, …")]
    public string? Version { get; init; }

    /// <summary>Timezone.</summary>
    [Description("Timezone, e.g. NEWZEALANDSTANDARDTIME.")]
    public string? Timezone { get; init; }

    /// <summary>Tax number.</summary>
    [Description("Tax number of the organisation.")]
    public string? TaxNumber { get; init; }

    /// <summary>Financial year end day.</summary>
    [Description("Day of the financial year end.")]
    public int? FinancialYearEndDay { get; init; }

    /// <summary>Financial year end month.</summary>
    [Description("Month of the financial year end.")]
    public int? FinancialYearEndMonth { get; init; }

    /// <summary>When the organisation was created.</summary>
    [JsonPropertyName("CreatedDateUTC"), Description("When the organisation was created, /Date(milliseconds)/.")]
    public string? CreatedDateUtc { get; init; }
}

/// <summary>One tenant a connection is authorised for (<c>GET https://api.xero.com/connections</c>).</summary>
public sealed record XeroTenantConnection
{
    /// <summary>The connection id (to disconnect).</summary>
    [JsonPropertyName("id"), Description("Id of the connection between the app and the tenant.")]
    public string Id { get; init; } = "";

    /// <summary>The tenant id to send as <c>xero-tenant-id</c>.</summary>
    [JsonPropertyName("tenantId"), Description("Tenant id, sent as the xero-tenant-id header.")]
    public string TenantId { get; init; } = "";

    /// <summary>ORGANISATION or PRACTICEMANAGER.</summary>
    [JsonPropertyName("tenantType"), Description("ORGANISATION, PRACTICE or PRACTICEMANAGER.")]
    public string? TenantType { get; init; }

    /// <summary>Name of the tenant.</summary>
    [JsonPropertyName("tenantName"), Description("Name of the organisation.")]
    public string? TenantName { get; init; }
}

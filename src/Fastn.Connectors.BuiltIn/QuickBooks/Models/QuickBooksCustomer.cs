using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.QuickBooks.Models;

/// <summary>A QuickBooks Online customer.</summary>
public sealed record QuickBooksCustomer
{
    /// <summary>The customer's Id.</summary>
    [Description("The customer's Id.")]
    public string? Id { get; init; }

    /// <summary>The version number for optimistic locking; send it back on update.</summary>
    [Description("Version for optimistic locking; pass it to update_customer.")]
    public string? SyncToken { get; init; }

    /// <summary>Unique display name.</summary>
    [Description("The name shown in QuickBooks; unique among customers, vendors and employees.")]
    public string? DisplayName { get; init; }

    /// <summary>Given name.</summary>
    [Description("Given (first) name.")]
    public string? GivenName { get; init; }

    /// <summary>Family name.</summary>
    [Description("Family (last) name.")]
    public string? FamilyName { get; init; }

    /// <summary>Company name.</summary>
    [Description("Company name.")]
    public string? CompanyName { get; init; }

    /// <summary>Primary e-mail.</summary>
    [Description("Primary e-mail address.")]
    public QuickBooksEmail? PrimaryEmailAddr { get; init; }

    /// <summary>Primary phone.</summary>
    [Description("Primary phone number.")]
    public QuickBooksPhone? PrimaryPhone { get; init; }

    /// <summary>Billing address.</summary>
    [Description("Billing address.")]
    public QuickBooksAddress? BillAddr { get; init; }

    /// <summary>Shipping address.</summary>
    [Description("Shipping address.")]
    public QuickBooksAddress? ShipAddr { get; init; }

    /// <summary>Free-form notes.</summary>
    [Description("Free-form notes about the customer.")]
    public string? Notes { get; init; }

    /// <summary>Open balance.</summary>
    [Description("Open balance owed by the customer.")]
    public decimal? Balance { get; init; }

    /// <summary>Whether the customer is active (inactive ones are deleted in the UI).</summary>
    [Description("Whether the customer is active.")]
    public bool? Active { get; init; }

    /// <summary>Currency.</summary>
    [Description("The customer's currency.")]
    public QuickBooksRef? CurrencyRef { get; init; }

    /// <summary>Creation and change times.</summary>
    [Description("Creation and last-change times.")]
    public QuickBooksMetaData? MetaData { get; init; }
}

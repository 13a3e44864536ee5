using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.QuickBooks.Models;

/// <summary>The connected QuickBooks company (<c>CompanyInfo</c>).</summary>
public sealed record QuickBooksCompanyInfo
{
    /// <summary>The company id (the realm id).</summary>
    [Description("The company id (realmId).")]
    public string? Id { get; init; }

    /// <summary>Version for optimistic locking.</summary>
    [Description("Version for optimistic locking.")]
    public string? SyncToken { get; init; }

    /// <summary>Company name.</summary>
    [Description("Company name.")]
    public string? CompanyName { get; init; }

    /// <summary>Legal name.</summary>
    [Description("Legal name.")]
    public string? LegalName { get; init; }

    /// <summary>Country code.</summary>
    [Description("Country code, e.g. US.")]
    public string? Country { get; init; }

    /// <summary>Company address.</summary>
    [Description("Company address.")]
    public QuickBooksAddress? CompanyAddr { get; init; }

    /// <summary>Company e-mail.</summary>
    [Description("Company e-mail.")]
    public QuickBooksEmail? Email { get; init; }

    /// <summary>First month of the fiscal year.</summary>
    [Description("First month of the fiscal year, e.g. January.")]
    public string? FiscalYearStartMonth { get; init; }

    /// <summary>Creation and change times.</summary>
    [Description("Creation and last-change times.")]
    public QuickBooksMetaData? MetaData { get; init; }
}

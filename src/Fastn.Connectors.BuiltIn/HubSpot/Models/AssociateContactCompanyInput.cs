using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>A contact and a company to associate.</summary>
public sealed record AssociateContactCompanyInput
{
    /// <summary>The contact id.</summary>
    [Description("The contact's id.")]
    public required string ContactId { get; init; }

    /// <summary>The company id.</summary>
    [Description("The company's id.")]
    public required string CompanyId { get; init; }
}

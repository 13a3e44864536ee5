using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>One associated record as CRM v3 reads return it.</summary>
public sealed record HubSpotAssociationRef
{
    /// <summary>The associated record's id.</summary>
    [Description("The associated record's id.")]
    public required string Id { get; init; }

    /// <summary>The association type.</summary>
    [Description("The association type, e.g. deal_to_company.")]
    public string? Type { get; init; }
}

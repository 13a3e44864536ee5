using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>An association type (v4).</summary>
public sealed record HubSpotAssociationSpec
{
    /// <summary>HUBSPOT_DEFINED, USER_DEFINED or INTEGRATOR_DEFINED.</summary>
    [Description("HUBSPOT_DEFINED, USER_DEFINED or INTEGRATOR_DEFINED.")]
    public required string AssociationCategory { get; init; }

    /// <summary>The type id (279: contact to company, unlabeled).</summary>
    [Description("The association type id (279: contact to company; 1: contact to primary company).")]
    public int AssociationTypeId { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>One association that was created.</summary>
public sealed record HubSpotAssociationCreated
{
    /// <summary>The source record.</summary>
    [Description("The source record.")]
    public required HubSpotObjectRef From { get; init; }

    /// <summary>The target record.</summary>
    [Description("The target record.")]
    public required HubSpotObjectRef To { get; init; }

    /// <summary>The association type.</summary>
    [Description("The association type.")]
    public required HubSpotAssociationSpec AssociationSpec { get; init; }
}

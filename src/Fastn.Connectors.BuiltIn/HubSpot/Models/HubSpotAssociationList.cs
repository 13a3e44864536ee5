using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>The associated records of one object type.</summary>
public sealed record HubSpotAssociationList
{
    /// <summary>The associated records.</summary>
    [Description("The associated records.")]
    public IReadOnlyList<HubSpotAssociationRef> Results { get; init; } = [];
}

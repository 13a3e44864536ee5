using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>A deal's associated companies and contacts (returned when <c>associations=companies,contacts</c> is asked).</summary>
public sealed record HubSpotDealAssociations
{
    /// <summary>Associated companies.</summary>
    [Description("Associated companies.")]
    public HubSpotAssociationList? Companies { get; init; }

    /// <summary>Associated contacts.</summary>
    [Description("Associated contacts.")]
    public HubSpotAssociationList? Contacts { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>A HubSpot deal (CRM v3 object).</summary>
public sealed record HubSpotDeal
{
    /// <summary>The deal's id.</summary>
    [Description("The deal's id (numeric, as a string).")]
    public required string Id { get; init; }

    /// <summary>The deal's properties.</summary>
    [Description("The deal's properties by HubSpot internal name.")]
    public HubSpotDealProperties Properties { get; init; } = new();

    /// <summary>Associated companies and contacts.</summary>
    [Description("Associated companies and contacts.")]
    public HubSpotDealAssociations? Associations { get; init; }

    /// <summary>When the deal was created.</summary>
    [Description("When the deal was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the deal last changed.</summary>
    [Description("When the deal last changed.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Whether the deal is archived.</summary>
    [Description("Whether the deal is archived (deleted).")]
    public bool Archived { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>A HubSpot contact (CRM v3 object).</summary>
public sealed record HubSpotContact
{
    /// <summary>The contact's id.</summary>
    [Description("The contact's id (numeric, as a string).")]
    public required string Id { get; init; }

    /// <summary>The contact's properties.</summary>
    [Description("The contact's properties by HubSpot internal name.")]
    public HubSpotContactProperties Properties { get; init; } = new();

    /// <summary>When the contact was created.</summary>
    [Description("When the contact was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the contact last changed.</summary>
    [Description("When the contact last changed.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Whether the contact is archived (deleted).</summary>
    [Description("Whether the contact is archived (deleted).")]
    public bool Archived { get; init; }
}

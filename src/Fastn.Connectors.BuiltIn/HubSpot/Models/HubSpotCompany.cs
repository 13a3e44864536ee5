using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>A HubSpot company (CRM v3 object).</summary>
public sealed record HubSpotCompany
{
    /// <summary>The company's id.</summary>
    [Description("The company's id (numeric, as a string).")]
    public required string Id { get; init; }

    /// <summary>The company's properties.</summary>
    [Description("The company's properties by HubSpot internal name.")]
    public HubSpotCompanyProperties Properties { get; init; } = new();

    /// <summary>When the company was created.</summary>
    [Description("When the company was created.")]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the company last changed.</summary>
    [Description("When the company last changed.")]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Whether the company is archived.</summary>
    [Description("Whether the company is archived (deleted).")]
    public bool Archived { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>The answer of the v4 default-association endpoint.</summary>
public sealed record HubSpotAssociationBatch
{
    /// <summary>COMPLETE when every association was made.</summary>
    [Description("COMPLETE when every association was made.")]
    public required string Status { get; init; }

    /// <summary>The associations made (one per direction).</summary>
    [Description("The associations made, one per direction.")]
    public IReadOnlyList<HubSpotAssociationCreated> Results { get; init; } = [];

    /// <summary>When HubSpot started the work.</summary>
    [Description("When HubSpot started the work.")]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When HubSpot finished the work.</summary>
    [Description("When HubSpot finished the work.")]
    public DateTimeOffset? CompletedAt { get; init; }
}

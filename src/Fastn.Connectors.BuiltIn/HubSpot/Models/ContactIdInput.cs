using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>A contact id.</summary>
public sealed record ContactIdInput
{
    /// <summary>The contact id.</summary>
    [Description("The contact's id.")]
    public required string ContactId { get; init; }
}

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>A reference to a CRM record.</summary>
public sealed record HubSpotObjectRef
{
    /// <summary>The record id.</summary>
    [Description("The record's id.")]
    public required string Id { get; init; }
}

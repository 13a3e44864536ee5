namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>No input.</summary>
public sealed record HubSpotEmptyInput;

using System.ComponentModel;

namespace Fastn.Connectors.BuiltIn.HubSpot.Models;

/// <summary>The outcome of archiving a record.</summary>
/// <param name="Id">The archived record's id.</param>
/// <param name="Archived">Always true: HubSpot answered 204.</param>
public sealed record ArchiveResult(
    [property: Description("The archived record's id.")] string Id,
    [property: Description("True once HubSpot has archived the record (it stays restorable for 90 days).")] bool Archived);

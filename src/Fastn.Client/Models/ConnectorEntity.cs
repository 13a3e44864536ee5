namespace Fastn.Client.Models;

/// <summary>A native record type of the app and its mapping to the Canonical Data Model.</summary>
/// <param name="Name">The entity name.</param>
/// <param name="NativeType">The app's name for the record type.</param>
/// <param name="CdmEntity">The CDM entity it maps to, e.g. <c>CDMContact</c>.</param>
/// <param name="Operations">Supported operations (<c>List, Get, Create…</c>).</param>
/// <param name="Mappings">Native field to CDM field mappings.</param>
/// <param name="Coverage">How much of the CDM entity is mapped.</param>
public sealed record ConnectorEntity(string Name, string? NativeType, string? CdmEntity, string? Operations, IReadOnlyList<EntityFieldMapping>? Mappings, CdmCoverage? Coverage);

using System.Text.Json.Nodes;
using Fastn.Connectors.Cdm;

namespace Fastn.Connectors.Entities;

/// <summary>
/// How the unified CDM API reads an entity's records one page at a time through its list action: the first
/// page's input, where the records sit in the action's output, and the next page's input. Declared with
/// <see cref="EntityBuilder{T}.ListedBy{TInput, TOutput}"/>; the runtime keeps the next input as an opaque cursor.
/// </summary>
public sealed record EntityListing
{
    /// <summary>The list action's name.</summary>
    public required string Action { get; init; }

    /// <summary>The first page's action input for a request.</summary>
    public required Func<EntityListRequest, JsonObject> First { get; init; }

    /// <summary>The native records of one page's action output.</summary>
    public required Func<JsonNode?, IReadOnlyList<JsonObject>> Records { get; init; }

    /// <summary>The next page's action input from this page's input and output, or null on the last page.</summary>
    public required Func<JsonObject, JsonNode?, JsonObject?> Next { get; init; }

    /// <summary>The CDM fields the app itself can filter by (exact match), which <see cref="EntityListRequest.Filters"/> may name.</summary>
    public IReadOnlyList<CdmField> Filterable { get; init; } = [];
}

/// <summary>A request for the first page of an entity's records.</summary>
/// <param name="Limit">Most records wanted on a page (1–100); the app may return fewer.</param>
/// <param name="Filters">Exact-match filters by CDM field, only fields in <see cref="EntityListing.Filterable"/>.</param>
public sealed record EntityListRequest(int Limit, IReadOnlyDictionary<CdmField, string> Filters)
{
    /// <summary>The filter value for <paramref name="field"/>, or null when the request does not filter by it.</summary>
    public string? Filter(CdmField field) => Filters.TryGetValue(field, out var value) ? value : null;
}

using System.Text.Json.Nodes;
using Fastn.Connectors.Cdm;

namespace Fastn.Connectors.Entities;

/// <summary>
/// How native fields and CDM fields correspond: one native JSON path to one or more CDM fields, with
/// optional value transforms in both directions (full name ↔ first and last name).
/// </summary>
public sealed record FieldMapping
{
    /// <summary>The native field's JSON path, dot-separated (<c>email</c>, <c>address.city</c>).</summary>
    public required string NativePath { get; init; }

    /// <summary>The CDM fields this native field feeds.</summary>
    public required IReadOnlyList<CdmField> CdmFields { get; init; }

    /// <summary>
    /// Native value and the whole native record (for a transform that needs a second field, like an amount's currency)
    /// → CDM values (one per <see cref="CdmFields"/>); <see langword="null"/> copies as is.
    /// </summary>
    public Func<JsonNode?, JsonObject, IReadOnlyList<JsonNode?>>? ToCdm { get; init; }

    /// <summary>CDM record → native value; <see langword="null"/> copies the single CDM field as is.</summary>
    public Func<JsonObject, JsonNode?>? FromCdm { get; init; }

    /// <summary>Whether the mapping is read-only (CDM → native is not possible).</summary>
    public bool ReadOnly { get; init; }
}

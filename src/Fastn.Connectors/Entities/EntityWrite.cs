using System.Text.Json.Nodes;

namespace Fastn.Connectors.Entities;

/// <summary>
/// How the unified CDM API (and CDM sync) creates or updates a record through an entity's action: the action's input
/// built from a CDM record, and where the written native record sits in the action's output. Declared with
/// <see cref="EntityBuilder{T}.CreatedBy{TInput, TOutput}"/> and <see cref="EntityBuilder{T}.UpdatedBy{TInput, TOutput}"/>.
/// </summary>
public sealed record EntityWrite
{
    /// <summary>The action's name.</summary>
    public required string Action { get; init; }

    /// <summary>The action's input for a CDM record; the first argument is the record's id in the app (null when creating).</summary>
    public required Func<string?, JsonObject, JsonObject> Input { get; init; }

    /// <summary>The written native record in the action's output, or null when the output holds none.</summary>
    public required Func<JsonNode?, JsonObject?> Record { get; init; }
}

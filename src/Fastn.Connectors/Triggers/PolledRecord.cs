using System.Text.Json.Nodes;

namespace Fastn.Connectors.Triggers;

/// <summary>A record fetched by a poll, as JSON, with its id.</summary>
/// <param name="Id">The record id from the trigger's selector.</param>
/// <param name="Record">The record.</param>
public sealed record PolledRecord(string Id, JsonNode Record)
{
    /// <summary>Whether the app says the record was deleted (a deleted-records feed); the engine then emits <c>deleted</c>.</summary>
    public bool Deleted { get; init; }
}

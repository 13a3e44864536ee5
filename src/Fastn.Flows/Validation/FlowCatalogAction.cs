using System.Text.Json.Nodes;

namespace Fastn.Flows.Validation;

/// <summary>An action as the validator sees it: its input and output JSON Schemas.</summary>
/// <param name="Name">The action's name.</param>
/// <param name="InputSchema">The input's JSON Schema.</param>
/// <param name="OutputSchema">The output's JSON Schema.</param>
public sealed record FlowCatalogAction(string Name, JsonObject InputSchema, JsonObject OutputSchema);

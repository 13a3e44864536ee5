using System.Text.Json.Nodes;

namespace Fastn.Client.Models;

/// <summary>An action of a connector.</summary>
/// <param name="Name">The snake_case action name, e.g. <c>create_contact</c>.</param>
/// <param name="Title">A short title.</param>
/// <param name="Description">What it does.</param>
/// <param name="InputSchema">JSON Schema of the input.</param>
/// <param name="OutputSchema">JSON Schema of the output.</param>
/// <param name="Hints">Read-only, destructive and similar hints.</param>
public sealed record ConnectorAction(string Name, string? Title, string? Description, JsonNode? InputSchema, JsonNode? OutputSchema, ActionHints? Hints);

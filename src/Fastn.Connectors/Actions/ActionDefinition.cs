using System.Text.Json.Nodes;

namespace Fastn.Connectors.Actions;

/// <summary>
/// A named operation of a connector with input and output JSON Schemas and a handler.
/// Built with <see cref="Define.Action{TInput,TOutput}"/> (typed) or <see cref="Define.JsonAction"/> (untyped).
/// </summary>
public abstract record ActionDefinition
{
    /// <summary>snake_case name, unique within the connector (<c>create_contact</c>).</summary>
    public required string Name { get; init; }

    /// <summary>What the action does, one sentence.</summary>
    public required string Description { get; init; }

    /// <summary>A short human title; defaults to the name in words.</summary>
    public string? Title { get; init; }

    /// <summary>The JSON Schema of the input.</summary>
    public required JsonObject InputSchema { get; init; }

    /// <summary>The JSON Schema of the output.</summary>
    public required JsonObject OutputSchema { get; init; }

    /// <summary>Read-only / destructive / idempotent hints, category, MCP exposure and LLM description.</summary>
    public ActionHints Hints { get; init; } = new();

    /// <summary>How long one call may take before it is cancelled (default 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The title to show: <see cref="Title"/> or the name in words.</summary>
    public string DisplayTitle => Title ?? string.Join(' ', Name.Split('_', StringSplitOptions.RemoveEmptyEntries)
        .Select((w, i) => i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w));

    /// <summary>
    /// Whether the output is produced from the type its schema was generated from, so the runtime need not
    /// validate it again (typed actions); untyped actions return false and their output is checked.
    /// </summary>
    public virtual bool OutputMatchesSchemaByConstruction => false;

    /// <summary>Runs the action on JSON input (already validated against <see cref="InputSchema"/>).</summary>
    public abstract Task<JsonNode?> InvokeAsync(JsonNode? input, ConnectorContext context, CancellationToken cancellationToken);
}

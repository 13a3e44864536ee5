using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fastn.Flows.Steps;
using Fastn.Flows.Triggers;

namespace Fastn.Flows;

/// <summary>
/// One flow: a trigger and the steps it runs, in order. This is the versioned JSON document the API stores and the
/// <see cref="Building.FlowBuilder"/> produces; read and write it with <see cref="FlowJson"/>.
/// </summary>
public sealed record FlowDefinition
{
    /// <summary>The version of the document format this library reads and writes.</summary>
    public const string CurrentSchema = "fastn.flow/v1";

    /// <summary>The document format, <see cref="CurrentSchema"/>.</summary>
    [JsonPropertyName("schema")]
    public string Schema { get; init; } = CurrentSchema;

    /// <summary>The flow's name, kebab-case (<c>acme-contact-to-hubspot</c>), unique in its workspace.</summary>
    public required string Name { get; init; }

    /// <summary>What the flow does, for people.</summary>
    public string? Description { get; init; }

    /// <summary>What starts a run.</summary>
    public required FlowTrigger Trigger { get; init; }

    /// <summary>The steps, run in order.</summary>
    public IReadOnlyList<FlowStep> Steps { get; init; } = [];

    /// <summary>
    /// The run's output as a template over the trigger and the steps (<c>{{ steps.create_contact.output.id }}</c>);
    /// null means the last step's output. An HTTP trigger that replies synchronously answers with it.
    /// </summary>
    public JsonNode? Output { get; init; }

    /// <summary>Limits for the whole run.</summary>
    public FlowOptions? Options { get; init; }
}

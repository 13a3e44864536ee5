using System.Text.Json.Nodes;

namespace Fastn.Flows.Steps;

/// <summary>Ends the run here, as succeeded or failed.</summary>
public sealed record StopStep : FlowStep
{
    /// <summary>True ends the run as failed with <see cref="Message"/>; false as succeeded.</summary>
    public bool Error { get; init; }

    /// <summary>Why, shown in the run (a template).</summary>
    public string? Message { get; init; }

    /// <summary>The run's output when it succeeds here (a template); null keeps the flow's output rule.</summary>
    public JsonNode? Output { get; init; }
}

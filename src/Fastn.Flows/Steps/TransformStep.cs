using System.Text.Json.Nodes;

namespace Fastn.Flows.Steps;

/// <summary>Computes a value from templates; the value is the step's output.</summary>
public sealed record TransformStep : FlowStep
{
    /// <summary>Any JSON; strings may hold <c>{{ … }}</c> templates, and a string that is one template keeps the value's type.</summary>
    public required JsonNode Value { get; init; }
}

using System.Text.Json.Serialization;

namespace Fastn.Flows.Steps;

/// <summary>
/// Runs <see cref="Steps"/> once per item of an array, with <c>item</c> and <c>index</c> in scope; its output is the
/// array of each iteration's last output, in item order.
/// </summary>
public sealed record ForEachStep : FlowStep
{
    /// <summary>A JavaScript expression that yields an array: <c>trigger.payload.lines</c>.</summary>
    public required string Items { get; init; }

    /// <summary>How many iterations run at once (1 to 50).</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>The steps run per item.</summary>
    public IReadOnlyList<FlowStep> Steps { get; init; } = [];

    /// <inheritdoc />
    [JsonIgnore]
    public override IEnumerable<(string Branch, IReadOnlyList<FlowStep> Steps)> Branches => [("steps", Steps)];
}

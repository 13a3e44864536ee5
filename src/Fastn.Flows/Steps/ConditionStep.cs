using System.Text.Json.Serialization;

namespace Fastn.Flows.Steps;

/// <summary>Runs <see cref="Then"/> when <see cref="If"/> is truthy, otherwise <see cref="Else"/>; its output is the chosen branch's last output.</summary>
public sealed record ConditionStep : FlowStep
{
    /// <summary>A JavaScript expression over <c>trigger</c>, <c>steps</c> (and <c>item</c> in a loop), without braces: <c>trigger.payload.vip === true</c>.</summary>
    public required string If { get; init; }

    /// <summary>The steps when the condition holds.</summary>
    public IReadOnlyList<FlowStep> Then { get; init; } = [];

    /// <summary>The steps when it does not.</summary>
    public IReadOnlyList<FlowStep> Else { get; init; } = [];

    /// <inheritdoc />
    [JsonIgnore]
    public override IEnumerable<(string Branch, IReadOnlyList<FlowStep> Steps)> Branches => [("then", Then), ("else", Else)];
}

using Fastn.Flows.Steps;

namespace Fastn.Flows.Building;

/// <summary>The steps of a condition branch or a loop body.</summary>
public sealed class BlockBuilder : StepsBuilder<BlockBuilder>
{
    internal IReadOnlyList<FlowStep> Build() => [.. Steps];
}

using Fastn.Flows.Building;

namespace Fastn.Flows;

/// <summary>The entry point of flows as code.</summary>
public static class Flow
{
    /// <summary>Starts a flow definition named <paramref name="name"/> (kebab-case).</summary>
    public static FlowBuilder Named(string name) => new(name);
}

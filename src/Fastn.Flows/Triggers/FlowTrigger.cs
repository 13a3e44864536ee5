using System.Text.Json.Serialization;

namespace Fastn.Flows.Triggers;

/// <summary>What starts a run of a flow; the JSON's <c>type</c> says which kind.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ManualTrigger), "manual")]
[JsonDerivedType(typeof(EventTrigger), "event")]
[JsonDerivedType(typeof(ScheduleTrigger), "schedule")]
[JsonDerivedType(typeof(HttpTrigger), "http")]
public abstract record FlowTrigger
{
    /// <summary>The kinds a trigger can be, as written in JSON.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["manual", "event", "schedule", "http"];
}

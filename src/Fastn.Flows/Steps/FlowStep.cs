using System.Text.Json.Serialization;

namespace Fastn.Flows.Steps;

/// <summary>One step of a flow; the JSON's <c>type</c> says which kind.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(ActionStep), "action")]
[JsonDerivedType(typeof(CdmMapStep), "cdmMap")]
[JsonDerivedType(typeof(ConditionStep), "condition")]
[JsonDerivedType(typeof(ForEachStep), "forEach")]
[JsonDerivedType(typeof(DelayStep), "delay")]
[JsonDerivedType(typeof(TransformStep), "transform")]
[JsonDerivedType(typeof(StopStep), "stop")]
public abstract record FlowStep
{
    /// <summary>The kinds a step can be, as written in JSON.</summary>
    public static IReadOnlyList<string> Kinds { get; } = ["action", "cdmMap", "condition", "forEach", "delay", "transform", "stop"];

    /// <summary>The step's id, snake_case and unique in the flow; later steps read its output as <c>steps.{id}.output</c>.</summary>
    public required string Id { get; init; }

    /// <summary>A label for people; the id when absent.</summary>
    public string? Name { get; init; }

    /// <summary>The steps nested in this one, per branch name (<c>then</c>, <c>else</c>, <c>steps</c>).</summary>
    [JsonIgnore]
    public virtual IEnumerable<(string Branch, IReadOnlyList<FlowStep> Steps)> Branches => [];
}

using System.Text.Json.Nodes;

namespace Fastn.Flows.Steps;

/// <summary>
/// Maps a record of one connector's entity to another's through the Canonical Data Model (native → CDM → native),
/// with the entities' own field mappings. Its output is the target's native record, ready for a create or update action.
/// </summary>
public sealed record CdmMapStep : FlowStep
{
    /// <summary>The source connector and entity, <c>acme</c> / <c>contact</c>.</summary>
    public required EntityRef From { get; init; }

    /// <summary>The target connector and entity, <c>hubspot</c> / <c>contact</c>; null outputs the CDM record itself.</summary>
    public EntityRef? To { get; init; }

    /// <summary>The native source record, usually a template such as <c>{{ trigger.payload }}</c>.</summary>
    public required JsonNode Record { get; init; }
}

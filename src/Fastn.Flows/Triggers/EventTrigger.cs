using System.Text.Json.Nodes;

namespace Fastn.Flows.Triggers;

/// <summary>
/// Runs for each event of a connector's trigger received through a subscription (a verified webhook delivery or a
/// poll's change), in the tenant the event belongs to.
/// </summary>
public sealed record EventTrigger : FlowTrigger
{
    /// <summary>The connector, <c>acme</c>.</summary>
    public required string Connector { get; init; }

    /// <summary>The connector's trigger, <c>contact_changed</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>Only events of these types (<c>contact.updated</c>); empty means every type.</summary>
    public IReadOnlyList<string> EventTypes { get; init; } = [];

    /// <summary>Conditions on the event's payload (<c>[{"path":"status","op":"eq","value":"open"}]</c>); every one must hold.</summary>
    public JsonArray? Filters { get; init; }
}

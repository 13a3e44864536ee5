using Fastn.Connectors.Authentication;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.Capabilities;

/// <summary>What a connector can do, computed from its definition: the source of MCP tools and connector pages.</summary>
public sealed record CapabilityReport
{
    /// <summary>The connector name.</summary>
    public required string Connector { get; init; }

    /// <summary>The auth kinds offered.</summary>
    public required IReadOnlyList<AuthKind> AuthKinds { get; init; }

    /// <summary>Actions with their hints.</summary>
    public required IReadOnlyList<ActionCapability> Actions { get; init; }

    /// <summary>Triggers by name and kind.</summary>
    public required IReadOnlyList<(string Name, TriggerKind Kind)> Triggers { get; init; }

    /// <summary>CDM coverage of each mapped entity.</summary>
    public required IReadOnlyList<CdmCoverage> Coverage { get; init; }

    /// <summary>Computes the report of a definition.</summary>
    public static CapabilityReport Of(ConnectorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new CapabilityReport
        {
            Connector = definition.Name,
            AuthKinds = [.. definition.Auth.Select(a => a.Kind).Distinct()],
            Actions = [.. definition.Actions.Select(a => new ActionCapability(a.Name, a.Hints.ReadOnly, a.Hints.Destructive, a.Hints.Idempotent,
                a.Hints.Category, a.Hints.McpExposed, a.Hints.LlmDescription ?? a.Description))],
            Triggers = [.. definition.Triggers.Select(t => (t.Name, t.Kind))],
            Coverage = [.. definition.Entities.Select(CdmCoverage.Of).OfType<CdmCoverage>()],
        };
    }
}

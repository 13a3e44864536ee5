using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Entities;
using Fastn.Engine.Cdm;

namespace Fastn.Engine.Registry;

/// <summary>
/// What every registered connector can do, and how completely the connectors together cover each CDM entity. Each
/// connector's report is computed once when it is registered (a plugin load registers too), so reading is free.
/// </summary>
public sealed class CapabilityRegistry(ConnectorRegistry registry)
{
    /// <summary>Every connector's capabilities, by name.</summary>
    public IReadOnlyList<ConnectorCapabilityView> All => [.. registry.All.Select(Of)];

    /// <summary>One connector's capabilities, or null when none is registered by that name.</summary>
    public ConnectorCapabilityView? Find(string connector) => registry.Find(connector) is { } c ? Of(c) : null;

    /// <summary>For each CDM entity, the connectors mapping it and how completely, best first.</summary>
    public IReadOnlyList<CdmEntityCoverageView> CdmCoverage()
    {
        var connectors = registry.All;
        return [.. Connectors.Cdm.Cdm.All.Select(entity => new CdmEntityCoverageView(
            entity.Name,
            CdmService.PathName(entity),
            entity.Version,
            entity.Fields.Count,
            [.. entity.RequiredFields.Select(f => f.Name)],
            [.. connectors
                .SelectMany(c => c.Capabilities.Coverage.Where(v => v.CdmEntity == entity.Name).Select(v => (Connector: c, Coverage: v)))
                .OrderByDescending(x => x.Coverage.Ratio).ThenBy(x => x.Connector.Definition.Name, StringComparer.Ordinal).ThenBy(x => x.Coverage.Entity, StringComparer.Ordinal)
                .Select(x => new CdmConnectorCoverageView(x.Connector.Definition.Name, x.Coverage.Entity, Round(x.Coverage.Ratio), x.Coverage.MissingRequired,
                    x.Connector.Definition.Entities.First(e => e.Name == x.Coverage.Entity).Listing is not null))]))];
    }

    private static ConnectorCapabilityView Of(RegisteredConnector connector)
    {
        var d = connector.Definition;
        var report = connector.Capabilities;
        var entities = d.Entities.Select(e => Entity(e, report.Coverage.FirstOrDefault(c => c.Entity == e.Name))).ToList();
        var covered = entities.Where(e => e.Coverage is not null).Select(e => e.Coverage!).ToList();
        return new ConnectorCapabilityView(
            d.Name,
            d.DisplayName,
            connector.Source,
            [.. report.AuthKinds.Select(k => k.ToString())],
            [.. report.Actions.Select(a => new ActionCapabilityView(a.Name, a.LlmDescription, a.ReadOnly, a.Destructive, a.Idempotent, a.Category, a.McpExposed))],
            [.. report.Triggers.Select(t => new TriggerCapabilityView(t.Name, t.Kind.ToString()))],
            entities,
            covered.Count == 0 ? 0 : Round(covered.Average(c => c.Ratio)));
    }

    private static EntityCapabilityView Entity(EntityDefinition entity, CdmCoverage? coverage) => new(
        entity.Name,
        entity.NativeType,
        entity.Cdm?.Name,
        [.. Enum.GetValues<EntityOperations>().Where(o => o is not EntityOperations.None and not EntityOperations.All && entity.Operations.HasFlag(o))
            .Select(o => new EntityOperationView(o.ToString().ToLowerInvariant(), entity.OperationActions.GetValueOrDefault(o)))],
        entity.Listing is not null,
        [.. entity.Listing?.Filterable.Select(f => f.Name) ?? []],
        coverage is null ? null : new CoverageView(Round(coverage.Ratio), coverage.Mapped, coverage.Unmapped, coverage.MissingRequired));

    private static double Round(double ratio) => Math.Round(ratio, 3);
}

/// <summary>A connector's capabilities.</summary>
/// <param name="Connector">Its name.</param>
/// <param name="DisplayName">Its display name.</param>
/// <param name="Source">Where it was registered from (built-in, a plugin path…).</param>
/// <param name="AuthKinds">The auth kinds it offers.</param>
/// <param name="Actions">Its actions with their hints.</param>
/// <param name="Triggers">Its triggers.</param>
/// <param name="Entities">Its entities, operations and CDM coverage.</param>
/// <param name="CdmScore">The mean coverage ratio of its CDM-mapped entities, 0–1 (0 when it maps none).</param>
public sealed record ConnectorCapabilityView(string Connector, string DisplayName, string Source, IReadOnlyList<string> AuthKinds,
    IReadOnlyList<ActionCapabilityView> Actions, IReadOnlyList<TriggerCapabilityView> Triggers, IReadOnlyList<EntityCapabilityView> Entities, double CdmScore);

/// <summary>An action's capability declaration.</summary>
/// <param name="Name">The action name.</param>
/// <param name="Description">Its description for people and LLMs.</param>
/// <param name="ReadOnly">It only reads.</param>
/// <param name="Destructive">It deletes or overwrites.</param>
/// <param name="Idempotent">Repeating it is safe.</param>
/// <param name="Category">Its grouping.</param>
/// <param name="McpExposed">It is offered as an MCP tool.</param>
public sealed record ActionCapabilityView(string Name, string Description, bool ReadOnly, bool Destructive, bool Idempotent, string? Category, bool McpExposed);

/// <summary>A trigger by name and kind (<c>Webhook</c> or <c>Poll</c>).</summary>
/// <param name="Name">The trigger name.</param>
/// <param name="Kind">Its kind.</param>
public sealed record TriggerCapabilityView(string Name, string Kind);

/// <summary>An entity: its native type, CDM entity, operations and coverage.</summary>
/// <param name="Name">The connector's entity name.</param>
/// <param name="NativeType">The app's own name for the type.</param>
/// <param name="CdmEntity">The CDM entity it maps, if any.</param>
/// <param name="Operations">Supported operations and the actions performing them.</param>
/// <param name="Listable">The unified CDM API can list it.</param>
/// <param name="Filterable">CDM fields the unified API can filter its list by.</param>
/// <param name="Coverage">How completely it maps its CDM entity.</param>
public sealed record EntityCapabilityView(string Name, string NativeType, string? CdmEntity, IReadOnlyList<EntityOperationView> Operations, bool Listable,
    IReadOnlyList<string> Filterable, CoverageView? Coverage);

/// <summary>An entity operation (<c>list</c>, <c>get</c>, <c>create</c>…) and the action performing it, when named.</summary>
/// <param name="Operation">The operation.</param>
/// <param name="Action">The action, when the connector names one.</param>
public sealed record EntityOperationView(string Operation, string? Action);

/// <summary>Coverage of one CDM entity: mapped ÷ all fields, and the required fields left unmapped.</summary>
/// <param name="Ratio">Mapped ÷ all CDM fields, 0–1.</param>
/// <param name="Mapped">Mapped CDM fields.</param>
/// <param name="Unmapped">CDM fields not mapped.</param>
/// <param name="MissingRequired">Required CDM fields not mapped.</param>
public sealed record CoverageView(double Ratio, IReadOnlyList<string> Mapped, IReadOnlyList<string> Unmapped, IReadOnlyList<string> MissingRequired);

/// <summary>A CDM entity and the connectors covering it.</summary>
/// <param name="Entity">The CDM name (<c>CDMContact</c>).</param>
/// <param name="Path">Its name in the unified API's URLs (<c>contacts</c>).</param>
/// <param name="Version">The CDM schema version.</param>
/// <param name="Fields">How many top-level fields it has.</param>
/// <param name="Required">Its required fields.</param>
/// <param name="Connectors">Connectors mapping it, best coverage first.</param>
public sealed record CdmEntityCoverageView(string Entity, string Path, string Version, int Fields, IReadOnlyList<string> Required, IReadOnlyList<CdmConnectorCoverageView> Connectors);

/// <summary>One connector entity's coverage of a CDM entity.</summary>
/// <param name="Connector">The connector.</param>
/// <param name="Entity">Its entity.</param>
/// <param name="Ratio">Mapped ÷ all fields.</param>
/// <param name="MissingRequired">Required fields it leaves unmapped.</param>
/// <param name="Listable">The unified API can list it.</param>
public sealed record CdmConnectorCoverageView(string Connector, string Entity, double Ratio, IReadOnlyList<string> MissingRequired, bool Listable);

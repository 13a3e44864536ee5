using System.Text.Json.Nodes;

namespace Fastn.Client.Models;

/// <summary>Every connector's capabilities and, per CDM entity, the connectors covering it.</summary>
/// <param name="Connectors">The connectors, by name.</param>
/// <param name="Cdm">The CDM entities with their coverage.</param>
public sealed record CapabilityCatalog(IReadOnlyList<ConnectorCapabilities> Connectors, IReadOnlyList<CdmEntityCoverage> Cdm);

/// <summary>What one connector can do.</summary>
/// <param name="Connector">Its name.</param>
/// <param name="DisplayName">Its display name.</param>
/// <param name="Source">Where it was registered from.</param>
/// <param name="AuthKinds">The auth kinds it offers.</param>
/// <param name="Actions">Its actions with hints.</param>
/// <param name="Triggers">Its triggers.</param>
/// <param name="Entities">Its entities with operations and CDM coverage.</param>
/// <param name="CdmScore">Mean coverage of its CDM-mapped entities, 0 to 1.</param>
public sealed record ConnectorCapabilities(string Connector, string DisplayName, string Source, IReadOnlyList<string> AuthKinds,
    IReadOnlyList<ActionCapability> Actions, IReadOnlyList<TriggerCapability> Triggers, IReadOnlyList<EntityCapability> Entities, double CdmScore);

/// <summary>An action's capability declaration.</summary>
/// <param name="Name">The action name.</param>
/// <param name="Description">Its description for people and LLMs.</param>
/// <param name="ReadOnly">It only reads.</param>
/// <param name="Destructive">It deletes or overwrites.</param>
/// <param name="Idempotent">Repeating it is safe.</param>
/// <param name="Category">Its grouping.</param>
/// <param name="McpExposed">It is offered as an MCP tool.</param>
public sealed record ActionCapability(string Name, string Description, bool ReadOnly, bool Destructive, bool Idempotent, string? Category, bool McpExposed);

/// <summary>A trigger by name and kind.</summary>
/// <param name="Name">The trigger name.</param>
/// <param name="Kind"><c>Webhook</c> or <c>Poll</c>.</param>
public sealed record TriggerCapability(string Name, string Kind);

/// <summary>An entity's operations and CDM coverage.</summary>
/// <param name="Name">The connector's entity name.</param>
/// <param name="NativeType">The app's own name for the type.</param>
/// <param name="CdmEntity">The CDM entity it maps.</param>
/// <param name="Operations">Supported operations and their actions.</param>
/// <param name="Listable">The unified CDM API can list it.</param>
/// <param name="Filterable">CDM fields the unified API can filter it by.</param>
/// <param name="Coverage">How completely it maps its CDM entity.</param>
public sealed record EntityCapability(string Name, string NativeType, string? CdmEntity, IReadOnlyList<EntityOperation> Operations, bool Listable,
    IReadOnlyList<string> Filterable, CdmCoverage? Coverage);

/// <summary>An entity operation and the action performing it.</summary>
/// <param name="Operation"><c>list</c>, <c>get</c>, <c>create</c>, <c>update</c>, <c>delete</c> or <c>search</c>.</param>
/// <param name="Action">The action, when named.</param>
public sealed record EntityOperation(string Operation, string? Action);

/// <summary>A CDM entity and the connectors covering it, best first.</summary>
/// <param name="Entity">The CDM name (<c>CDMContact</c>).</param>
/// <param name="Path">Its name in unified API URLs (<c>contacts</c>).</param>
/// <param name="Version">The CDM schema version.</param>
/// <param name="Fields">How many top-level fields it has.</param>
/// <param name="Required">Its required fields.</param>
/// <param name="Connectors">The connectors mapping it.</param>
public sealed record CdmEntityCoverage(string Entity, string Path, string Version, int Fields, IReadOnlyList<string> Required, IReadOnlyList<CdmConnectorCoverage> Connectors);

/// <summary>One connector entity's coverage of a CDM entity.</summary>
/// <param name="Connector">The connector.</param>
/// <param name="Entity">Its entity.</param>
/// <param name="Ratio">Mapped over all fields.</param>
/// <param name="MissingRequired">Required fields it leaves unmapped.</param>
/// <param name="Listable">The unified API can list it.</param>
public sealed record CdmConnectorCoverage(string Connector, string Entity, double Ratio, IReadOnlyList<string> MissingRequired, bool Listable);

/// <summary>One page of CDM records from one connection.</summary>
/// <param name="Entity">The CDM entity.</param>
/// <param name="ConnectionId">The connection read.</param>
/// <param name="Connector">Its connector.</param>
/// <param name="Source">The connector entity the records came from.</param>
/// <param name="Records">The CDM records (with <c>remoteData</c> when asked).</param>
/// <param name="Errors">Records that could not be mapped.</param>
/// <param name="NextCursor">Pass as cursor for the next page; null on the last.</param>
/// <param name="CallId">The action call that read the page.</param>
public sealed record CdmRecordPage(string Entity, string ConnectionId, string Connector, string Source, IReadOnlyList<JsonObject> Records,
    IReadOnlyList<CdmRecordError> Errors, string? NextCursor, string CallId);

/// <summary>A record of a page that could not be mapped.</summary>
/// <param name="Index">Its position in the app's page.</param>
/// <param name="Id">Its id in the app, when readable.</param>
/// <param name="Message">What went wrong.</param>
public sealed record CdmRecordError(int Index, string? Id, string Message);

/// <summary>A record written through the unified CDM API.</summary>
/// <param name="Entity">The CDM entity.</param>
/// <param name="ConnectionId">The connection written to.</param>
/// <param name="Connector">Its connector.</param>
/// <param name="Source">The connector entity written.</param>
/// <param name="Record">The record as the app now has it, as CDM (null when the app's answer holds none).</param>
/// <param name="CallId">The action call that wrote it.</param>
public sealed record CdmWriteResult(string Entity, string ConnectionId, string Connector, string Source, JsonObject? Record, string CallId);

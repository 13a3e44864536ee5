using System.Text.Json.Nodes;

namespace Fastn.Engine.Flows;

/// <summary>What a flow step can use for the current tenant, in the order the dashboard shows it: connection, connector, action or trigger.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Connections">The tenant's connections, each with its connector's actions and triggers.</param>
public sealed record StepPickerView(string TenantId, IReadOnlyList<StepPickerConnection> Connections);

/// <summary>One connection in the step picker.</summary>
public sealed record StepPickerConnection(string ConnectionId, string? DisplayName, string Status, string? StatusReason, StepPickerConnector Connector);

/// <summary>A connector in the step picker.</summary>
public sealed record StepPickerConnector(string Name, string DisplayName, string? Description, IReadOnlyList<StepPickerAction> Actions, IReadOnlyList<StepPickerTrigger> Triggers);

/// <summary>An action in the step picker, with a human label and its schemas.</summary>
public sealed record StepPickerAction(string Name, string Label, string Description, bool ReadOnly, bool Destructive, JsonObject InputSchema, JsonObject OutputSchema);

/// <summary>A trigger in the step picker.</summary>
public sealed record StepPickerTrigger(string Name, string Label, string Description, string Kind);

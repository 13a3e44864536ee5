using System.Text.Json.Nodes;
using Fastn.Connectors;

namespace Fastn.Engine.Execution;

/// <summary>One action call, from any surface.</summary>
/// <param name="Tenant">Workspace and tenant of the caller.</param>
/// <param name="ConnectionId">The connection to act on.</param>
/// <param name="Action">The action name.</param>
/// <param name="Input">The input JSON.</param>
/// <param name="Caller">The surface.</param>
public sealed record ActionCallRequest(TenantInfo Tenant, string ConnectionId, string Action, JsonNode? Input, ActionCaller Caller)
{
    /// <summary>A key stable across retries of this call (a flow step's is <c>runId:stepId</c>); generated when absent.</summary>
    public string? IdempotencyKey { get; init; }
}

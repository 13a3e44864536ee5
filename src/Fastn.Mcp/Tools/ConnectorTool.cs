using Fastn.Connectors.Actions;
using Fastn.Connectors.Capabilities;
using Fastn.Engine.Connections;
using Fastn.Engine.Registry;

namespace Fastn.Mcp.Tools;

/// <summary>One action of a connector the tenant has connected, as a tool.</summary>
/// <param name="Name">The tool name (<see cref="ToolNames.For"/>).</param>
/// <param name="Connector">The registered connector.</param>
/// <param name="Action">The action.</param>
/// <param name="Capability">The action as the capability registry reports it (hints, LLM description).</param>
/// <param name="Connections">The tenant's active connections to the connector, by id.</param>
internal sealed record ConnectorTool(string Name, RegisteredConnector Connector, ActionDefinition Action, ActionCapability Capability, IReadOnlyList<ConnectionView> Connections)
{
    /// <summary>The argument that picks the connection: <c>connection_id</c>, unless the action has an input of that name itself.</summary>
    public string ConnectionArgument => Action.InputSchema["properties"] is System.Text.Json.Nodes.JsonObject p && p.ContainsKey(ToolCaller.ConnectionArgument)
        ? ToolNames.NativePrefix + ToolCaller.ConnectionArgument
        : ToolCaller.ConnectionArgument;
}

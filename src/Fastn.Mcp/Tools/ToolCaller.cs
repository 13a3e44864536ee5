using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Engine.Errors;
using Fastn.Engine.Execution;
using Fastn.Mcp.Cdm;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Fastn.Mcp.Tools;

/// <summary>
/// Answers <c>tools/list</c> and <c>tools/call</c> for the request's tenant. Connector tools run through the one
/// <see cref="ActionExecutor"/> that REST and flows use; every problem it reports comes back as an <c>isError</c>
/// result. Only an unknown tool name is a protocol error (<c>-32602</c>), as the MCP specification says.
/// </summary>
internal sealed class ToolCaller(McpCaller caller, ToolCatalog catalog, CdmSources cdmSources, NativeTools natives, ActionExecutor executor)
{
    /// <summary>The argument that picks one of the tenant's connections.</summary>
    public const string ConnectionArgument = "connection_id";

    /// <summary>The tenant's tools: the native ones and one per exposed action of each connected connector, by name.</summary>
    public async ValueTask<ListToolsResult> ListAsync(CancellationToken cancellationToken)
    {
        var owned = await catalog.ConnectionsAsync(caller.Tenant, cancellationToken).ConfigureAwait(false);
        var connectorTools = catalog.ToolsOf(owned);
        // Offered only when one of the tenant's connections can list a CDM entity: its entity enum would be empty otherwise.
        var search = CdmSearchTool.Describe(cdmSources.Of(owned));
        return new ListToolsResult
        {
            Tools = [.. NativeTools.All.Concat(search is null ? [] : [search]).Concat(connectorTools.Select(ToolSchemas.Describe)).OrderBy(t => t.Name, StringComparer.Ordinal)],
            // The list is the tenant's own and changes whenever a connection does.
            CacheScope = CacheScope.Private,
            TimeToLive = TimeSpan.Zero,
        };
    }

    /// <summary>Calls a tool.</summary>
    public async ValueTask<CallToolResult> CallAsync(CallToolRequestParams? request, CancellationToken cancellationToken)
    {
        var name = request?.Name ?? throw new McpProtocolException("tools/call needs the name of a tool.", McpErrorCode.InvalidParams);
        var tenant = caller.Tenant;
        var arguments = Arguments(request.Arguments);
        if (NativeTools.IsNative(name))
        {
            try
            {
                return ToolResults.Success(await natives.CallAsync(tenant, name, arguments, cancellationToken).ConfigureAwait(false));
            }
            catch (FastnException problem)
            {
                return ToolResults.Failure(problem);
            }
        }

        var owned = await catalog.ConnectionsAsync(tenant, cancellationToken).ConfigureAwait(false);
        // A tool listed before its connection needed re-authorization is still answered: the executor says what the user must do.
        var tool = catalog.ToolsOf(owned).FirstOrDefault(t => t.Name == name)
            ?? catalog.ToolsOf(owned, unusable: true).FirstOrDefault(t => t.Name == name)
            ?? throw new McpProtocolException($"Unknown tool {ProblemText.Quote(name)}: list the tools again (tools/list) — they follow the tenant's active connections.", McpErrorCode.InvalidParams);
        try
        {
            var connectionId = PickConnection(tool, arguments);
            var result = await executor.ExecuteAsync(new ActionCallRequest(tenant, connectionId, tool.Action.Name, arguments, ActionCaller.Mcp), cancellationToken)
                .ConfigureAwait(false);
            return ToolResults.FromAction(tool, result.OutputWithoutSecrets(), result.CallId);
        }
        catch (FastnException problem)
        {
            return ToolResults.Failure(problem);
        }
    }

    // Takes the connection argument out of the input (the action's schema does not know it) and checks it names one of this connector's connections.
    private static string PickConnection(ConnectorTool tool, JsonObject arguments)
    {
        var argument = tool.ConnectionArgument;
        var path = "$." + argument;
        var ids = string.Join(", ", tool.Connections.Select(c => c.Id));
        if (!arguments.Remove(argument, out var value) || value is null)
        {
            return tool.Connections.Count == 1
                ? tool.Connections[0].Id
                : throw FastnException.Validation($"The tenant has {tool.Connections.Count} {tool.Connector.Definition.DisplayName} connections: pass '{argument}' with one of {ids}.", path);
        }

        if (value is not JsonValue text || !text.TryGetValue<string>(out var id))
        {
            throw FastnException.Validation($"'{argument}' must be a string, one of {ids}.", path);
        }

        return tool.Connections.Any(c => c.Id == id)
            ? id
            : throw FastnException.Validation($"'{argument}' {ProblemText.Quote(id)} is not one of the tenant's {tool.Connector.Definition.DisplayName} connections that offer this tool: use one of {ids}.", path);
    }

    private static JsonObject Arguments(IDictionary<string, JsonElement>? arguments)
    {
        var input = new JsonObject();
        foreach (var (key, value) in arguments ?? new Dictionary<string, JsonElement>())
        {
            input[key] = JsonNode.Parse(value.GetRawText());
        }

        return input;
    }
}

using Fastn.Connectors;
using Fastn.Engine.Connections;
using Fastn.Engine.Registry;
using Microsoft.Extensions.Logging;

namespace Fastn.Mcp.Tools;

/// <summary>
/// The connector tools of one tenant, computed on every request from its active connections and the capability
/// registry: nothing is cached, so a connection added, removed or needing re-authorization shows in the next list.
/// </summary>
internal sealed class ToolCatalog(ConnectorRegistry registry, ConnectionService connections, ILogger<ToolCatalog> logger)
{
    /// <summary>The tenant's connector tools, ordered by name.</summary>
    public async Task<IReadOnlyList<ConnectorTool>> ListAsync(TenantInfo tenant, CancellationToken cancellationToken) =>
        ToolsOf(await ConnectionsAsync(tenant, cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// The connector tools that a tenant's connections (from <see cref="ConnectionsAsync"/>) offer, ordered by name:
    /// of its Active connections, or with <paramref name="unusable"/> of those that need the user (NeedsReauth, Revoked),
    /// whose calls the executor refuses with what to do.
    /// </summary>
    public IReadOnlyList<ConnectorTool> ToolsOf(IReadOnlyList<ConnectionView> owned, bool unusable = false)
    {
        var tools = new SortedDictionary<string, ConnectorTool>(StringComparer.Ordinal);
        var wanted = owned.Where(c => unusable ? c.Status is ConnectionState.NeedsReauth or ConnectionState.Revoked : c.Status == ConnectionState.Active);
        foreach (var group in wanted.GroupBy(c => c.Connector, StringComparer.Ordinal))
        {
            if (registry.Find(group.Key) is not { } connector)
            {
                continue;
            }

            IReadOnlyList<ConnectionView> chosen = [.. group.OrderBy(c => c.Id, StringComparer.Ordinal)];
            foreach (var capability in connector.Capabilities.Actions.Where(a => a.McpExposed))
            {
                var action = connector.Definition.FindAction(capability.Name);
                if (action is null || !ToolSchemas.HasObjectInput(action.InputSchema))
                {
                    continue;
                }

                var name = ToolNames.For(connector.Definition.Name, action.Name);
                if ((name.StartsWith(ToolNames.NativePrefix, StringComparison.Ordinal) || !tools.TryAdd(name, new ConnectorTool(name, connector, action, capability, chosen))) && !unusable)
                {
                    logger.LogWarning("The MCP tool name {Tool} of {Connector}.{Action} is taken by another tool; the action is not offered over MCP.",
                        name, connector.Definition.Name, action.Name);
                }
            }
        }

        return [.. tools.Values];
    }

    /// <summary>Every connection of the tenant (any status), oldest first.</summary>
    public async Task<IReadOnlyList<ConnectionView>> ConnectionsAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var list = await connections.ListAsync(tenant.TenantId, connector: null, cancellationToken).ConfigureAwait(false);
        // The store is already narrowed to the caller's workspace; checking again costs nothing and keeps tenants apart if it ever is not.
        return [.. list.Where(c => c.Tenant == tenant)];
    }
}

using Fastn.Mcp.Cdm;
using Fastn.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.Protocol;

namespace Fastn.Mcp;

/// <summary>Registers the MCP gateway.</summary>
public static class McpGatewayServiceCollectionExtensions
{
    private const string Instructions =
        "Fastn exposes the actions of the apps this tenant has connected as tools named {connector}_{action} (for example slack_send_message). "
        + "fastn_list_integrations lists the tenant's connections and their status; a connection that is not Active has no tools until the user connects it again. "
        + "When a tenant has several connections to one app, pass connection_id to choose one. A failed call returns isError with what to fix and the JSON path of the offending argument. "
        + "fastn_search_entities searches records such as contacts across all connected apps at once by exact field values, and the same records are readable as resources fastn://cdm/{entity}/{connectionId}.";

    /// <summary>
    /// Adds the MCP server (Streamable HTTP, stateless) whose tools are computed per request from the caller's
    /// tenant; map it with <see cref="McpGatewayEndpoints.MapFastnMcp"/>.
    /// </summary>
    public static IServiceCollection AddFastnMcp(this IServiceCollection services, Action<McpGatewayOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<McpGatewayOptions>().Configure(configure)
            .Validate(o => o.ResolveTenant is not null, "McpGatewayOptions.ResolveTenant must be set: the gateway needs the host's caller identity.")
            .ValidateOnStart();
        services.TryAddScoped<McpCaller>();
        services.TryAddScoped<ToolCatalog>();
        services.TryAddScoped<CdmSources>();
        services.TryAddScoped<CdmSearchTool>();
        services.TryAddScoped<CdmResources>();
        services.TryAddScoped<NativeTools>();
        services.TryAddScoped<ToolCaller>();
        services.AddMcpServer(o =>
            {
                o.ServerInfo = new Implementation
                {
                    Name = "fastn",
                    Title = "Fastn",
                    Version = typeof(McpGatewayServiceCollectionExtensions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
                };
                o.ServerInstructions = Instructions;
                // Stateless: there is no session to push notifications/*/list_changed or resource updates on; clients re-list instead.
                o.Capabilities = new ServerCapabilities
                {
                    Tools = new ToolsCapability { ListChanged = false },
                    Resources = new ResourcesCapability { ListChanged = false, Subscribe = false },
                };
            })
            .WithHttpTransport(o => o.Stateless = true)
            .WithListToolsHandler((request, ct) => Caller(request.Services).ListAsync(ct))
            .WithCallToolHandler((request, ct) => Caller(request.Services).CallAsync(request.Params, ct))
            .WithListResourceTemplatesHandler((request, ct) => Resources(request.Services).ListTemplatesAsync(ct))
            .WithListResourcesHandler((request, ct) => Resources(request.Services).ListAsync(ct))
            .WithReadResourceHandler((request, ct) => Resources(request.Services).ReadAsync(request.Params, request.Server.NegotiatedProtocolVersion, ct));
        return services;
    }

    // Stateless requests run on the HTTP request's own service scope, so this is the scope MapFastnMcp filled in.
    private static ToolCaller Caller(IServiceProvider? services) => Scope(services).GetRequiredService<ToolCaller>();

    private static CdmResources Resources(IServiceProvider? services) => Scope(services).GetRequiredService<CdmResources>();

    private static IServiceProvider Scope(IServiceProvider? services) => services ?? throw new InvalidOperationException("The MCP request carries no services.");
}

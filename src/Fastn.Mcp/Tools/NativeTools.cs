using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Http;
using Fastn.Connectors.Schema;
using Fastn.Engine.Connections;
using Fastn.Engine.Errors;
using Fastn.Engine.Registry;
using Fastn.Mcp.Cdm;
using ModelContextProtocol.Protocol;

namespace Fastn.Mcp.Tools;

/// <summary>
/// Fastn's own tools, beside the connector tools: the tenant's integrations and their status, the connectors it
/// could connect, and a search of CDM records across its apps (<see cref="CdmSearchTool"/>). All read-only. (No
/// event-history tool: no engine service exposes a tenant's events yet.)
/// </summary>
internal sealed class NativeTools(ToolCatalog catalog, ConnectorRegistry registry, ConnectionService connections, CdmSearchTool search)
{
    public const string ListIntegrations = "fastn_list_integrations";
    public const string GetIntegrationStatus = "fastn_get_integration_status";
    public const string ListConnectors = "fastn_list_connectors";

    private static readonly JsonObject NoArguments = new() { ["type"] = "object", ["properties"] = new JsonObject(), ["additionalProperties"] = false };

    private static readonly JsonObject ConnectionIdArgument = new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject
        {
            [ToolCaller.ConnectionArgument] = new JsonObject { ["type"] = "string", ["description"] = "The connection id (conn_…), as fastn_list_integrations shows it." },
        },
        ["required"] = new JsonArray(ToolCaller.ConnectionArgument),
        ["additionalProperties"] = false,
    };

    private static readonly JsonSerializerOptions Json = ConnectorJson.SnakeCase;

    /// <summary>The native tools that every tenant sees, ordered by name (the search is described per tenant, by <see cref="CdmSearchTool.Describe"/>).</summary>
    public static IReadOnlyList<Tool> All { get; } =
    [
        Describe(GetIntegrationStatus, "Integration status",
            "The status of one of the tenant's connections (Active, NeedsReauth, Error, Revoked), why it is not Active, and the tools it offers. Use it when a tool reports that a connection needs re-authorization.",
            ConnectionIdArgument, JsonSchemas.For<IntegrationView>(Json)),
        Describe(ListConnectors, "Available connectors",
            "The apps this Fastn server can connect, whether the tenant has connected each, and how many tools each offers once connected.",
            NoArguments, JsonSchemas.For<ConnectorList>(Json)),
        Describe(ListIntegrations, "Connected integrations",
            "The tenant's connections to apps: connector, label, status and reason, and the tools each offers. Start here to see what can be done for this tenant.",
            NoArguments, JsonSchemas.For<IntegrationList>(Json)),
    ];

    /// <summary>Whether <paramref name="name"/> is one of these tools.</summary>
    public static bool IsNative(string name) => name == CdmSearchTool.Name || All.Any(t => t.Name == name);

    /// <summary>Runs a native tool; problems are thrown as <see cref="FastnException"/>.</summary>
    public async Task<JsonObject> CallAsync(TenantInfo tenant, string name, JsonObject arguments, CancellationToken cancellationToken)
    {
        if (name == CdmSearchTool.Name)
        {
            return await search.CallAsync(tenant, arguments, cancellationToken).ConfigureAwait(false);
        }

        var tool = All.Single(t => t.Name == name);
        var schema = JsonNode.Parse(tool.InputSchema.GetRawText())!.AsObject();
        if (SchemaValidator.ValidateInput(schema, arguments) is { } invalid)
        {
            throw FastnException.Validation($"The arguments are not valid at {invalid.Path}: {invalid.Message}", invalid.Path);
        }

        return name switch
        {
            ListIntegrations => ToObject(new IntegrationList(await IntegrationsAsync(tenant, cancellationToken).ConfigureAwait(false))),
            GetIntegrationStatus => ToObject(await StatusAsync(tenant, arguments[ToolCaller.ConnectionArgument]!.GetValue<string>(), cancellationToken).ConfigureAwait(false)),
            ListConnectors => ToObject(await ConnectorsAsync(tenant, cancellationToken).ConfigureAwait(false)),
            _ => throw new InvalidOperationException($"No handler for native tool '{name}'."),
        };
    }

    private async Task<IReadOnlyList<IntegrationView>> IntegrationsAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        var owned = await catalog.ConnectionsAsync(tenant, cancellationToken).ConfigureAwait(false);
        var tools = catalog.ToolsOf(owned);
        return [.. owned.Select(c => View(c, tools))];
    }

    private async Task<IntegrationView> StatusAsync(TenantInfo tenant, string connectionId, CancellationToken cancellationToken)
    {
        // Another tenant's id is not found either.
        var connection = await connections.GetOwnedAsync(tenant, connectionId, cancellationToken).ConfigureAwait(false);
        var tools = await catalog.ListAsync(tenant, cancellationToken).ConfigureAwait(false);
        return View(connection, tools);
    }

    private async Task<ConnectorList> ConnectorsAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        var owned = await catalog.ConnectionsAsync(tenant, cancellationToken).ConfigureAwait(false);
        var connected = owned.Where(c => c.Status == ConnectionState.Active).Select(c => c.Connector).ToHashSet(StringComparer.Ordinal);
        return new ConnectorList([.. registry.All.Select(c => new ConnectorView(c.Definition.Name, c.Definition.DisplayName, c.Definition.Description,
            c.Capabilities.Actions.Count(a => a.McpExposed), connected.Contains(c.Definition.Name)))]);
    }

    private IntegrationView View(ConnectionView connection, IReadOnlyList<ConnectorTool> tools) => new(
        connection.Id,
        connection.Connector,
        registry.Find(connection.Connector)?.Definition.DisplayName ?? connection.Connector,
        connection.DisplayName,
        connection.Status.ToString(),
        connection.Status switch
        {
            ConnectionState.Active => null,
            ConnectionState.NeedsReauth => (connection.StatusReason ?? "The app rejected the stored credentials.") + " The user must connect this account again (the connection keeps its id); until then it has no tools.",
            _ => connection.StatusReason,
        },
        connection.CreatedAt,
        [.. tools.Where(t => t.Connections.Any(c => c.Id == connection.Id)).Select(t => t.Name)]);

    private static JsonObject ToObject<T>(T value) => JsonSerializer.SerializeToNode(value, Json)!.AsObject();

    private static Tool Describe(string name, string title, string description, JsonObject input, JsonObject output) => new()
    {
        Name = name,
        Title = title,
        Description = description,
        InputSchema = ToolSchemas.ToElement(input),
        OutputSchema = ToolSchemas.ToElement(output),
        Annotations = new ToolAnnotations { Title = title, ReadOnlyHint = true, DestructiveHint = false, IdempotentHint = true, OpenWorldHint = false },
    };
}

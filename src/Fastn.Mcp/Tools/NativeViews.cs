using System.ComponentModel;

namespace Fastn.Mcp.Tools;

/// <summary>One of the tenant's connections as the native tools show it: never credentials.</summary>
/// <param name="ConnectionId">The connection id (<c>conn_…</c>).</param>
/// <param name="Connector">The connector name.</param>
/// <param name="ConnectorDisplayName">The app's name.</param>
/// <param name="DisplayName">The label given when connecting.</param>
/// <param name="Status">Active, NeedsReauth, Error or Revoked.</param>
/// <param name="StatusReason">Why it is not Active, when it is not.</param>
/// <param name="CreatedAt">When it was connected.</param>
/// <param name="Tools">The tools it offers now (none unless Active).</param>
internal sealed record IntegrationView(
    [property: Description("The connection id (conn_…); pass it as connection_id where a tool asks.")] string ConnectionId,
    [property: Description("The connector name, e.g. slack.")] string Connector,
    [property: Description("The app's name.")] string ConnectorDisplayName,
    [property: Description("The label given when connecting.")] string? DisplayName,
    [property: Description("Active, NeedsReauth, Error or Revoked; only Active connections have tools.")] string Status,
    [property: Description("Why the connection is not Active, and what the user should do.")] string? StatusReason,
    [property: Description("When it was connected.")] DateTimeOffset CreatedAt,
    [property: Description("The tools this connection offers now.")] IReadOnlyList<string> Tools);

/// <summary>The output of <c>fastn_list_integrations</c>.</summary>
/// <param name="Integrations">The tenant's connections, oldest first.</param>
internal sealed record IntegrationList([property: Description("The tenant's connections, oldest first.")] IReadOnlyList<IntegrationView> Integrations);

/// <summary>A connector that can be connected.</summary>
/// <param name="Name">The connector name.</param>
/// <param name="DisplayName">The app's name.</param>
/// <param name="Description">What it connects to.</param>
/// <param name="Actions">How many actions it offers as tools.</param>
/// <param name="Connected">Whether the tenant has an Active connection to it.</param>
internal sealed record ConnectorView(
    [property: Description("The connector name, e.g. slack; its tools are named {name with _ for -}_{action}.")] string Name,
    [property: Description("The app's name.")] string DisplayName,
    [property: Description("What the connector reaches.")] string Description,
    [property: Description("How many actions it offers as MCP tools once connected.")] int Actions,
    [property: Description("Whether the tenant has an Active connection to it.")] bool Connected);

/// <summary>The output of <c>fastn_list_connectors</c>.</summary>
/// <param name="Connectors">Every connector on this server, by name.</param>
internal sealed record ConnectorList([property: Description("Every connector on this server, by name.")] IReadOnlyList<ConnectorView> Connectors);

using Fastn.Connectors;

namespace Fastn.Engine.Connections;

/// <summary>What the executor needs to know about a connection (no secrets).</summary>
/// <param name="Id">Connection id.</param>
/// <param name="Tenant">Owner.</param>
/// <param name="Connector">Connector name.</param>
/// <param name="AuthMethod">Auth method id.</param>
/// <param name="Status">Current status.</param>
/// <param name="StatusReason">Why, when not active.</param>
public sealed record ConnectionInfo(string Id, TenantInfo Tenant, string Connector, string AuthMethod, ConnectionState Status, string? StatusReason);

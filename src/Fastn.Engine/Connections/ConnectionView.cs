using Fastn.Connectors;
using Fastn.Engine.Persistence;
using Fastn.Storage.Connections;

namespace Fastn.Engine.Connections;

/// <summary>
/// A connection as the engine shows it to hosts: who owns it, which app and auth method, its status and reason,
/// its label and non-secret metadata (shop domain, realm id…). Never credentials.
/// </summary>
/// <param name="Id">The connection id (<c>conn_…</c>).</param>
/// <param name="Tenant">The workspace and tenant that own it.</param>
/// <param name="Connector">The connector's name.</param>
/// <param name="AuthMethod">The auth method id it connected with.</param>
/// <param name="Status">Whether it works.</param>
/// <param name="StatusReason">Why it does not, when it does not.</param>
/// <param name="DisplayName">The label given when connecting.</param>
/// <param name="Metadata">Non-secret values captured when connecting.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record ConnectionView(string Id, TenantInfo Tenant, string Connector, string AuthMethod, ConnectionState Status,
    string? StatusReason, string? DisplayName, IReadOnlyDictionary<string, string> Metadata, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    internal static ConnectionView From(Connection connection) => new(connection.Id, new TenantInfo(connection.WorkspaceId, connection.TenantId),
        connection.Connector, connection.AuthMethod, StoreConnectionRepository.Map(connection.Status), connection.StatusReason, connection.DisplayName,
        StoreConnectionRepository.ReadMetadata(connection.Metadata), connection.CreatedAt, connection.UpdatedAt);
}

using Fastn.Connectors;

namespace Fastn.Engine.Connections;

/// <summary>Looks up connections within one workspace and tenant; another tenant's id is simply not found.</summary>
public interface IConnectionDirectory
{
    /// <summary>Finds a connection of the tenant, or <see langword="null"/>.</summary>
    Task<ConnectionInfo?> FindAsync(TenantInfo tenant, string connectionId, CancellationToken cancellationToken);
}

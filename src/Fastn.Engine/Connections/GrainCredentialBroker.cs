using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Engine.Registry;

namespace Fastn.Engine.Connections;

/// <summary>Connection lookup and credentials through each connection's grain (cached, single-flight refresh).</summary>
public sealed class GrainCredentialBroker(IGrainFactory grains, ConnectorRegistry registry) : ICredentialBroker, IConnectionDirectory
{
    /// <inheritdoc />
    public async Task<ConnectionInfo?> FindAsync(TenantInfo tenant, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var snapshot = await grains.GetGrain<IConnectionGrain>(connectionId).GetAsync(tenant.WorkspaceId, tenant.TenantId).WaitAsync(cancellationToken).ConfigureAwait(false);
        return snapshot is null ? null
            : new ConnectionInfo(snapshot.Id, tenant, snapshot.Connector, snapshot.AuthMethod, snapshot.Status, snapshot.StatusReason);
    }

    /// <inheritdoc />
    public Task<AuthCredentials> GetAsync(ConnectionInfo connection, CancellationToken cancellationToken) =>
        LoadAsync(connection, force: false, stale: null, cancellationToken);

    /// <inheritdoc />
    public Task<AuthCredentials> RefreshAsync(ConnectionInfo connection, string? staleAccessToken, CancellationToken cancellationToken) =>
        LoadAsync(connection, force: true, staleAccessToken, cancellationToken);

    private async Task<AuthCredentials> LoadAsync(ConnectionInfo connection, bool force, string? stale, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var snapshot = await grains.GetGrain<IConnectionGrain>(connection.Id)
            .GetCredentialsAsync(connection.Tenant.WorkspaceId, connection.Tenant.TenantId, force, stale)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        var method = registry.Find(connection.Connector)?.Definition.Auth.Find(connection.AuthMethod);
        return new AuthCredentials(method?.Kind ?? AuthKind.None, connection.AuthMethod, snapshot.Values, snapshot.AccessToken, snapshot.ExpiresAt, snapshot.Metadata);
    }
}

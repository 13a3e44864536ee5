using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Engine.Registry;

namespace Fastn.Engine.Connections;

/// <summary>Opens connections through their grains: one grain call per action call, single-flight refresh.</summary>
internal sealed class GrainCredentialBroker(IGrainFactory grains, ConnectorRegistry registry) : ICredentialBroker
{
    /// <inheritdoc />
    public async Task<OpenedConnection?> OpenAsync(TenantInfo tenant, string connectionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var lease = await grains.GetGrain<IConnectionGrain>(connectionId).OpenAsync(tenant.WorkspaceId, tenant.TenantId, cancellationToken).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            return null;
        }

        var snapshot = lease.Connection;
        var info = new ConnectionInfo(snapshot.Id, tenant, snapshot.Connector, snapshot.AuthMethod, snapshot.Status, snapshot.StatusReason);
        return new OpenedConnection(info, lease.Credentials is { } c ? ToCredentials(info, c) : null);
    }

    /// <inheritdoc />
    public async Task<AuthCredentials> RefreshAsync(ConnectionInfo connection, string? staleAccessToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var snapshot = await grains.GetGrain<IConnectionGrain>(connection.Id)
            .GetCredentialsAsync(connection.Tenant.WorkspaceId, connection.Tenant.TenantId, force: true, staleAccessToken, cancellationToken)
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return ToCredentials(connection, snapshot);
    }

    private AuthCredentials ToCredentials(ConnectionInfo connection, CredentialSnapshot snapshot)
    {
        var method = registry.Find(connection.Connector)?.Definition.Auth.Find(connection.AuthMethod);
        return new AuthCredentials(method?.Kind ?? AuthKind.None, connection.AuthMethod, snapshot.Values, snapshot.AccessToken, snapshot.ExpiresAt, snapshot.Metadata);
    }
}

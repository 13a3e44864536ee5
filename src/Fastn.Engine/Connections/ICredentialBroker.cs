using Fastn.Connectors;
using Fastn.Connectors.Authentication;

namespace Fastn.Engine.Connections;

/// <summary>
/// Opens a tenant's connection for a call — its status and current credentials, refreshed ahead of
/// expiry — and refreshes on demand, once per connection at a time (through the connection's grain).
/// Another tenant's connection id is simply not found.
/// </summary>
public interface ICredentialBroker
{
    /// <summary>The connection and its credentials, or <see langword="null"/> when the tenant has no such connection.</summary>
    Task<OpenedConnection?> OpenAsync(TenantInfo tenant, string connectionId, CancellationToken cancellationToken);

    /// <summary>Refreshes because the app rejected <paramref name="staleAccessToken"/>; callers that arrive while a refresh runs get its result.</summary>
    Task<AuthCredentials> RefreshAsync(ConnectionInfo connection, string? staleAccessToken, CancellationToken cancellationToken);
}

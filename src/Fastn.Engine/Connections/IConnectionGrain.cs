namespace Fastn.Engine.Connections;

/// <summary>
/// One grain per connection (key: connection id). Non-reentrant, so token refresh happens once per
/// connection at a time: callers queued behind a refresh get its result.
/// </summary>
public interface IConnectionGrain : IGrainWithStringKey
{
    /// <summary>The connection, if it belongs to the workspace and tenant; otherwise null.</summary>
    Task<ConnectionSnapshot?> GetAsync(string workspaceId, string tenantId);

    /// <summary>
    /// The connection and, when it is usable, its credentials (refreshed first if about to expire) in one call;
    /// null when it does not belong to the workspace and tenant.
    /// </summary>
    Task<ConnectionLease?> OpenAsync(string workspaceId, string tenantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Current credentials, refreshed first when about to expire, or when <paramref name="force"/> is set
    /// and the token is still <paramref name="staleAccessToken"/> (another caller may already have refreshed).
    /// </summary>
    Task<CredentialSnapshot> GetCredentialsAsync(string workspaceId, string tenantId, bool force, string? staleAccessToken, CancellationToken cancellationToken = default);

    /// <summary>Drops cached state after the connection changed outside the grain (reconnect, delete).</summary>
    Task InvalidateAsync();
}

using Fastn.Connectors.Authentication;

namespace Fastn.Engine.Connections;

/// <summary>
/// Hands out a connection's current credentials, refreshing ahead of expiry, and refreshes on demand —
/// once per connection at a time (the implementation goes through the connection's grain).
/// </summary>
public interface ICredentialBroker
{
    /// <summary>Current credentials, refreshed first when the token is about to expire.</summary>
    Task<AuthCredentials> GetAsync(ConnectionInfo connection, CancellationToken cancellationToken);

    /// <summary>Refreshes because the app rejected <paramref name="staleAccessToken"/>; callers that arrive while a refresh runs get its result.</summary>
    Task<AuthCredentials> RefreshAsync(ConnectionInfo connection, string? staleAccessToken, CancellationToken cancellationToken);
}

using Fastn.Connectors.Authentication;

namespace Fastn.Engine.Connections;

/// <summary>A connection ready for a call: who owns it, its status, and its credentials when it is usable.</summary>
/// <param name="Info">The connection.</param>
/// <param name="Credentials">Current credentials, or null when the connection needs re-authorization or was revoked.</param>
public sealed record OpenedConnection(ConnectionInfo Info, AuthCredentials? Credentials);

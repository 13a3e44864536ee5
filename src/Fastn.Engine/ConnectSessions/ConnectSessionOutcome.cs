using Fastn.Engine.Connections;

namespace Fastn.Engine.ConnectSessions;

/// <summary>A completed connect session and the connection it created.</summary>
/// <param name="Session">The session (consumed).</param>
/// <param name="Connection">The new connection.</param>
/// <param name="ReturnUrl">The session's return URL with <c>connection_id</c> and <c>connector</c> added, or null.</param>
public sealed record ConnectSessionOutcome(ConnectSessionView Session, ConnectionView Connection, string? ReturnUrl);

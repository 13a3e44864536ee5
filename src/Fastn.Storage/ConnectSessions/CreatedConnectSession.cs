namespace Fastn.Storage.ConnectSessions;

/// <summary>A new session and its plaintext token (shown once, never stored).</summary>
/// <param name="Session">The stored row.</param>
/// <param name="Token">The token to hand to the end customer's browser.</param>
public sealed record CreatedConnectSession(ConnectSession Session, string Token);

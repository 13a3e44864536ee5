namespace Fastn.Engine.Connections;

/// <summary>The outcome of an OAuth callback.</summary>
/// <param name="Connection">The created or reconnected connection.</param>
/// <param name="ReturnUrl">Where the user asked to go back to, if anywhere.</param>
/// <param name="Reconnected">Whether an existing connection was re-authorized (same id).</param>
public sealed record OAuthCompletion(ConnectionView Connection, string? ReturnUrl, bool Reconnected);

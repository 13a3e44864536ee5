namespace Fastn.Storage.ConnectSessions;

/// <summary>What <see cref="ConnectSessionStore.CreateAsync"/> needs to create a session.</summary>
public sealed record NewConnectSession
{
    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    /// <summary>Connector names; empty allows every connector.</summary>
    public IReadOnlyList<string> AllowedConnectors { get; init; } = [];

    public string? ReturnUrl { get; init; }

    public required TimeSpan Lifetime { get; init; }
}

namespace Fastn.Storage.OAuth;

/// <summary>A workspace's own OAuth client registration for one connector (one per workspace and connector).</summary>
public sealed class OAuthApp : IWorkspaceOwned
{
    public required string WorkspaceId { get; init; }

    public required string Connector { get; init; }

    public required string ClientId { get; set; }

    /// <summary>The client secret, Data-Protection-encrypted.</summary>
    public required string ClientSecretProtected { get; set; }

    /// <summary>Space-separated scopes overriding the connector's defaults, if any.</summary>
    public string? Scopes { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }
}

namespace Fastn.Storage.OAuth;

/// <summary>What <see cref="OAuthStateStore.CreateAsync"/> records for a pending authorization.</summary>
public sealed record NewOAuthState
{
    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    public required string Connector { get; init; }

    public required string AuthMethod { get; init; }

    public required string RedirectUri { get; init; }

    /// <summary>The PKCE code verifier, already protected.</summary>
    public required string CodeVerifierProtected { get; init; }

    public string? ConnectionId { get; init; }

    public string? ReturnUrl { get; init; }

    public string Parameters { get; init; } = "{}";

    /// <summary>How long the state may be consumed; 10 minutes by default.</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromMinutes(10);
}

namespace Fastn.Storage.OAuth;

/// <summary>A pending OAuth authorization: single use, bound to one tenant, short-lived.</summary>
public sealed class OAuthState : ITenantOwned
{
    /// <summary>Hex SHA-256 of the random <c>state</c> sent to the provider (the plaintext is never stored).</summary>
    public required string State { get; init; }

    public required string WorkspaceId { get; init; }

    public required string TenantId { get; init; }

    public required string Connector { get; init; }

    public required string AuthMethod { get; init; }

    public required string RedirectUri { get; init; }

    /// <summary>The PKCE code verifier, Data-Protection-encrypted.</summary>
    public required string CodeVerifierProtected { get; init; }

    /// <summary>Set when the flow re-authorizes an existing connection.</summary>
    public string? ConnectionId { get; init; }

    public string? ReturnUrl { get; init; }

    /// <summary>JSON object of extra non-secret parameters (shop domain, requested scopes…).</summary>
    public string Parameters { get; init; } = "{}";

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? ConsumedAt { get; set; }
}

namespace Fastn.Storage.ApiKeys;

/// <summary>The outcome of <see cref="ApiKeyStore.RevokeAsync"/>.</summary>
public enum RevokeApiKeyResult
{
    /// <summary>The key is revoked now.</summary>
    Revoked,

    /// <summary>No active key with that id in the workspace.</summary>
    NotFound,

    /// <summary>Refused: it is the workspace's last active admin key, and without one nobody could manage keys.</summary>
    LastAdminKey,
}

namespace Fastn.Storage.ApiKeys;

/// <summary>What an API key may do. Stored by name (<c>Admin</c>, <c>Member</c>).</summary>
public enum ApiKeyRole
{
    /// <summary>Works with tenants, connections, actions, connect sessions and events.</summary>
    Member = 0,

    /// <summary>Everything a member may do, plus API keys, the vault, OAuth apps, workspace settings and redirect URLs.</summary>
    Admin = 1,
}

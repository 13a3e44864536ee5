using Fastn.Storage.ApiKeys;

namespace Fastn.Dashboard;

/// <summary>Who is signed in to the dashboard: the same workspace, key, tenant scope and role as the API key's principal.</summary>
/// <param name="WorkspaceId">The key's workspace.</param>
/// <param name="KeyTenantId">The one tenant a tenant-scoped key may act for; null for a workspace key.</param>
/// <param name="KeyId">The API key id (never the key itself).</param>
/// <param name="Role">The key's role (a tenant-scoped key is always a member).</param>
public sealed record DashboardIdentity(string WorkspaceId, string? KeyTenantId, string KeyId, ApiKeyRole Role)
{
    /// <summary>Whether the key may administer the workspace.</summary>
    public bool IsAdmin => Role == ApiKeyRole.Admin && KeyTenantId is null;
}

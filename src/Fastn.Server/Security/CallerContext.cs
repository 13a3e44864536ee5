using Fastn.Connectors;
using Fastn.Engine.Errors;

namespace Fastn.Server.Security;

/// <summary>Who is calling: the workspace of the API key, the tenant (header or key scope), and the key.</summary>
/// <param name="WorkspaceId">The key's workspace.</param>
/// <param name="TenantId">The tenant, from <c>x-fastn-space-tenantid</c> or the key's own scope.</param>
/// <param name="KeyId">The API key id.</param>
/// <param name="TenantScopedKey">Whether the key is limited to one tenant.</param>
/// <param name="IsAdmin">Whether the key carries the instance-wide <c>admin</c> scope (the bootstrap key).</param>
public sealed record CallerContext(string WorkspaceId, string? TenantId, string KeyId, bool TenantScopedKey, bool IsAdmin = false)
{
    /// <summary>The header naming the tenant.</summary>
    public const string TenantHeader = "x-fastn-space-tenantid";

    /// <summary>The tenant, or a clear problem when the request named none.</summary>
    public TenantInfo RequireTenant() =>
        TenantId is { } tenant ? new TenantInfo(WorkspaceId, tenant)
        : throw FastnProblemException.Validation($"This endpoint acts for one of your customers: send the '{TenantHeader}' header with the tenant id (e.g. customer-42), or use a tenant-scoped API key.", TenantHeader);

    /// <summary>Refuses keys without the instance-wide admin scope.</summary>
    public void RequireAdmin()
    {
        if (!IsAdmin)
        {
            throw FastnProblemException.Forbidden("This operation affects the whole Fastn instance and needs the admin API key (the one created at first start).");
        }
    }

    /// <summary>Refuses tenant-scoped keys on workspace administration endpoints.</summary>
    public void RequireWorkspaceKey()
    {
        if (TenantScopedKey)
        {
            throw FastnProblemException.Forbidden("This API key is scoped to one tenant; workspace administration needs a workspace key.");
        }
    }
}

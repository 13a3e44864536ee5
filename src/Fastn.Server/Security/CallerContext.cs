using Fastn.Connectors;
using Fastn.Engine.Errors;
using Fastn.Storage.ApiKeys;

namespace Fastn.Server.Security;

/// <summary>Who is calling: the workspace of the API key, the tenant (header or key scope), the key and its role.</summary>
/// <param name="WorkspaceId">The key's workspace.</param>
/// <param name="TenantId">The tenant, from <c>x-fastn-space-tenantid</c> or the key's own scope.</param>
/// <param name="KeyId">The API key id.</param>
/// <param name="TenantScopedKey">Whether the key is limited to one tenant.</param>
/// <param name="Role">The key's role (a tenant-scoped key is always a member).</param>
public sealed record CallerContext(string WorkspaceId, string? TenantId, string KeyId, bool TenantScopedKey, ApiKeyRole Role)
{
    /// <summary>The header naming the tenant.</summary>
    public const string TenantHeader = "x-fastn-space-tenantid";

    /// <summary>Where the caller is kept on the request.</summary>
    public const string ItemKey = "fastn.caller";

    /// <summary>Whether the key may manage keys, the vault, OAuth apps and workspace settings.</summary>
    public bool IsAdmin => Role == ApiKeyRole.Admin && !TenantScopedKey;

    /// <summary>The caller of an authenticated <c>/api/v1</c> request.</summary>
    public static CallerContext Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[ItemKey] as CallerContext ?? throw FastnException.Unauthenticated("The request is not authenticated.");
    }

    /// <summary>The tenant, or a clear problem when the request named none.</summary>
    public TenantInfo RequireTenant() =>
        TenantId is { } tenant ? new TenantInfo(WorkspaceId, tenant)
        : throw FastnException.Validation($"This endpoint acts for one of your customers: send the '{TenantHeader}' header with the tenant id (e.g. customer-42), or use a tenant-scoped API key.", TenantHeader);

    /// <summary>Refuses keys without the <c>admin</c> role (route groups use <see cref="FastnPolicies.Admin"/> instead).</summary>
    public void RequireAdmin()
    {
        if (!IsAdmin)
        {
            throw FastnException.Forbidden(FastnPolicies.AdminDenial);
        }
    }

    /// <summary>Refuses tenant-scoped keys on workspace administration endpoints.</summary>
    public void RequireWorkspaceKey()
    {
        if (TenantScopedKey)
        {
            throw FastnException.Forbidden("This API key is scoped to one tenant; this endpoint needs a workspace key (one created without 'tenantId').");
        }
    }
}

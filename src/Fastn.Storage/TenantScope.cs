namespace Fastn.Storage;

/// <summary>
/// The mutable, DI-scoped <see cref="ITenantScope"/>: request middleware (API key → workspace, header → tenant)
/// calls <see cref="Set"/> once; system code (schedulers, outbox dispatch, API key lookup) leaves it empty.
/// </summary>
public sealed class TenantScope : ITenantScope
{
    /// <summary>An empty scope that sees every workspace and tenant — for system code only.</summary>
    public static ITenantScope System { get; } = new TenantScope();

    public string? WorkspaceId { get; private set; }

    public string? TenantId { get; private set; }

    /// <summary>Restricts this scope to one workspace and optionally one of its tenants.</summary>
    public void Set(string workspaceId, string? tenantId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        WorkspaceId = workspaceId;
        TenantId = string.IsNullOrEmpty(tenantId) ? null : tenantId;
    }

    /// <summary>Back to system scope (everything visible).</summary>
    public void Clear()
    {
        WorkspaceId = null;
        TenantId = null;
    }
}

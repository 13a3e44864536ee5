using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Workspaces;

/// <summary>Workspaces and their tenants.</summary>
public sealed class WorkspaceStore(FastnDbContext db, IIdGenerator ids, TimeProvider time)
{
    /// <summary>Creates a workspace; <paramref name="id"/> may be given (e.g. the bootstrap default workspace).</summary>
    public async Task<Workspace> CreateWorkspaceAsync(string name, string? logoUrl = null, string? id = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var workspace = new Workspace { Id = id ?? ids.NewId("ws"), Name = name, LogoUrl = logoUrl, CreatedAt = time.GetUtcNow() };
        db.Workspaces.Add(workspace);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(workspace).State = EntityState.Detached;
        }

        return workspace;
    }

    public Task<Workspace?> GetWorkspaceAsync(string id, CancellationToken cancellationToken = default) =>
        db.Workspaces.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);

    public async Task<IReadOnlyList<Workspace>> ListWorkspacesAsync(CancellationToken cancellationToken = default) =>
        await db.Workspaces.AsNoTracking().OrderBy(w => w.Id).ToListAsync(cancellationToken);

    /// <summary>Renames a workspace or changes its logo; false when it does not exist (or is out of scope).</summary>
    public async Task<bool> UpdateWorkspaceAsync(string id, string name, string? logoUrl, CancellationToken cancellationToken = default) =>
        await db.Workspaces.Where(w => w.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Name, name).SetProperty(w => w.LogoUrl, logoUrl), cancellationToken) == 1;

    /// <summary>
    /// Creates a tenant; throws <see cref="DuplicateKeyException"/> when the id is taken in the workspace and
    /// <see cref="ArgumentException"/> when it breaks the <see cref="TenantId"/> rule or the name the <see cref="DisplayText"/> one.
    /// </summary>
    public async Task<Tenant> CreateTenantAsync(string workspaceId, string tenantId, string? name = null, CancellationToken cancellationToken = default)
    {
        TenantId.EnsureValid(tenantId, nameof(tenantId));
        if (DisplayText.Validate(name) is { } nameError)
        {
            throw new ArgumentException($"The tenant name {nameError}.", nameof(name));
        }

        var tenant = new Tenant { WorkspaceId = workspaceId, Id = tenantId, Name = name ?? tenantId, CreatedAt = time.GetUtcNow() };
        db.Tenants.Add(tenant);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            // Stores hand out detached rows so a scoped context never holds stale or conflicting instances.
            db.Entry(tenant).State = EntityState.Detached;
        }

        return tenant;
    }

    /// <summary>Returns the tenant, creating it first if needed (tenant ids arrive implicitly with requests).</summary>
    public async Task<Tenant> EnsureTenantAsync(string workspaceId, string tenantId, string? name = null, CancellationToken cancellationToken = default)
    {
        if (await GetTenantAsync(workspaceId, tenantId, cancellationToken) is { } existing)
        {
            return existing;
        }

        try
        {
            return await CreateTenantAsync(workspaceId, tenantId, name, cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            // Created concurrently by another request: that row is as good as ours.
            return await GetTenantAsync(workspaceId, tenantId, cancellationToken)
                ?? throw new InvalidOperationException($"Tenant '{tenantId}' exists but is not visible in the current scope.");
        }
    }

    public Task<Tenant?> GetTenantAsync(string workspaceId, string tenantId, CancellationToken cancellationToken = default) =>
        db.Tenants.AsNoTracking().FirstOrDefaultAsync(t => t.WorkspaceId == workspaceId && t.Id == tenantId, cancellationToken);

    public async Task<IReadOnlyList<Tenant>> ListTenantsAsync(string workspaceId, CancellationToken cancellationToken = default) =>
        await db.Tenants.AsNoTracking().Where(t => t.WorkspaceId == workspaceId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
}

using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.OAuth;

/// <summary>Workspace-owned OAuth client registrations, one per workspace and connector.</summary>
public sealed class OAuthAppStore(FastnDbContext db, TimeProvider time)
{
    /// <summary>Creates or replaces the workspace's OAuth app for a connector.</summary>
    public async Task<OAuthApp> UpsertAsync(
        string workspaceId,
        string connector,
        string clientId,
        string clientSecretProtected,
        string? scopes = null,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var app = await db.OAuthApps.FirstOrDefaultAsync(a => a.WorkspaceId == workspaceId && a.Connector == connector, cancellationToken);
        if (app is null)
        {
            app = new OAuthApp
            {
                WorkspaceId = workspaceId,
                Connector = connector,
                ClientId = clientId,
                ClientSecretProtected = clientSecretProtected,
                Scopes = scopes,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.OAuthApps.Add(app);
        }
        else
        {
            app.ClientId = clientId;
            app.ClientSecretProtected = clientSecretProtected;
            app.Scopes = scopes;
            app.UpdatedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(app).State = EntityState.Detached;
        }

        return app;
    }

    public Task<OAuthApp?> GetAsync(string workspaceId, string connector, CancellationToken cancellationToken = default) =>
        db.OAuthApps.AsNoTracking().FirstOrDefaultAsync(a => a.WorkspaceId == workspaceId && a.Connector == connector, cancellationToken);

    public async Task<IReadOnlyList<OAuthApp>> ListAsync(string workspaceId, CancellationToken cancellationToken = default) =>
        await db.OAuthApps.AsNoTracking().Where(a => a.WorkspaceId == workspaceId).OrderBy(a => a.Connector).ToListAsync(cancellationToken);

    public async Task<bool> DeleteAsync(string workspaceId, string connector, CancellationToken cancellationToken = default) =>
        await db.OAuthApps.Where(a => a.WorkspaceId == workspaceId && a.Connector == connector).ExecuteDeleteAsync(cancellationToken) == 1;
}

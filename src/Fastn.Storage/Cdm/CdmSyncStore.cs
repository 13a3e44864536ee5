using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Cdm;

/// <summary>CDM syncs, their links and errors in the current tenant scope.</summary>
public sealed class CdmSyncStore(FastnDbContext db)
{
    /// <summary>Stores a new sync.</summary>
    public async Task<CdmSync> CreateAsync(CdmSync sync, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sync);
        db.CdmSyncs.Add(sync);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return sync;
    }

    /// <summary>The sync, or null when it does not exist in scope.</summary>
    public async Task<CdmSync?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await db.CdmSyncs.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    /// <summary>The syncs in scope, oldest first.</summary>
    public async Task<IReadOnlyList<CdmSync>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.CdmSyncs.AsNoTracking().OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync(cancellationToken);

    /// <summary>Syncs (system scope) whose next pass is due.</summary>
    public async Task<IReadOnlyList<(string Id, string WorkspaceId, string TenantId)>> ListDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var rows = await db.CdmSyncs.AsNoTracking()
            .Where(s => (s.Status == "active" || s.Status == "backfilling" || s.Status == "failing") && s.NextPassAt != null && s.NextPassAt <= now)
            .OrderBy(s => s.NextPassAt).Take(limit)
            .Select(s => new { s.Id, s.WorkspaceId, s.TenantId })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.WorkspaceId, r.TenantId))];
    }

    /// <summary>Changes a sync with optimistic concurrency; null when it does not exist in scope.</summary>
    public async Task<CdmSync?> UpdateAsync(string id, Func<CdmSync, bool> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var sync = await db.CdmSyncs.FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sync is null)
        {
            return null;
        }

        try
        {
            if (change(sync))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            db.Entry(sync).State = EntityState.Detached;
        }

        return sync;
    }

    /// <summary>Deletes the sync with its links and errors; false when it does not exist in scope.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        await db.CdmSyncLinks.Where(l => l.SyncId == id).ExecuteDeleteAsync(cancellationToken);
        await db.CdmSyncErrors.Where(l => l.SyncId == id).ExecuteDeleteAsync(cancellationToken);
        return await db.CdmSyncs.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>Every link of the sync (the pass holds them in memory: one row per synced record pair).</summary>
    public async Task<IReadOnlyList<CdmSyncLink>> ListLinksAsync(string syncId, CancellationToken cancellationToken = default) =>
        await db.CdmSyncLinks.AsNoTracking().Where(l => l.SyncId == syncId).ToListAsync(cancellationToken);

    /// <summary>Stores a new link or the new agreed hash of an existing one.</summary>
    public async Task SaveLinkAsync(CdmSyncLink link, bool isNew, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(link);
        if (isNew)
        {
            db.CdmSyncLinks.Add(link);
        }
        else
        {
            db.CdmSyncLinks.Update(link);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The sync's unsynced records, newest first.</summary>
    public async Task<IReadOnlyList<CdmSyncError>> ListErrorsAsync(string syncId, int limit, CancellationToken cancellationToken = default) =>
        await db.CdmSyncErrors.AsNoTracking().Where(e => e.SyncId == syncId).OrderByDescending(e => e.At).Take(limit).ToListAsync(cancellationToken);

    /// <summary>Records (or replaces) why a record could not be synced.</summary>
    public async Task SaveErrorAsync(CdmSyncError error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var existing = await db.CdmSyncErrors.FirstOrDefaultAsync(e => e.SyncId == error.SyncId && e.Side == error.Side && e.RecordId == error.RecordId, cancellationToken);
        if (existing is null)
        {
            db.CdmSyncErrors.Add(error);
        }
        else
        {
            existing.Message = error.Message;
            existing.At = error.At;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Forgets a record's error once it synced.</summary>
    public async Task ClearErrorAsync(string syncId, string side, string recordId, CancellationToken cancellationToken = default) =>
        await db.CdmSyncErrors.Where(e => e.SyncId == syncId && e.Side == side && e.RecordId == recordId).ExecuteDeleteAsync(cancellationToken);
}

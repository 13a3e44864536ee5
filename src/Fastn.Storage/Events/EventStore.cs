using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Events;

/// <summary>The platform-event outbox: append (alone or with another change), read undispatched, mark dispatched.</summary>
public sealed class EventStore(FastnDbContext db, IIdGenerator ids, TimeProvider time)
{
    /// <summary>Adds an event to the context without saving: it commits with the caller's next save (outbox).</summary>
    public PlatformEvent Stage(string workspaceId, string tenantId, string type, string subject, string data = "{}")
    {
        var evt = new PlatformEvent
        {
            Id = ids.NewId("evt"),
            WorkspaceId = workspaceId,
            TenantId = tenantId,
            Type = type,
            Subject = subject,
            Data = data,
            CreatedAt = time.GetUtcNow(),
        };
        db.Events.Add(evt);
        return evt;
    }

    /// <summary>The events with these ids that exist in scope.</summary>
    public async Task<IReadOnlyList<PlatformEvent>> GetManyAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default) =>
        await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken);

    /// <summary>Appends and saves one event.</summary>
    public async Task<PlatformEvent> AppendAsync(string workspaceId, string tenantId, string type, string subject, string data = "{}", CancellationToken cancellationToken = default)
    {
        var evt = Stage(workspaceId, tenantId, type, subject, data);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(evt).State = EntityState.Detached;
        }

        return evt;
    }

    /// <summary>Events in the current scope, newest first.</summary>
    public async Task<IReadOnlyList<PlatformEvent>> ListRecentAsync(int limit = 50, CancellationToken cancellationToken = default) =>
        await db.Events.AsNoTracking().OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
            .Take(limit).ToListAsync(cancellationToken);

    /// <summary>
    /// One page of events in the current scope, newest first, optionally of one <paramref name="type"/>, <paramref name="kind"/>
    /// and <paramref name="subscriptionId"/>; pass the last
    /// event id of a page as <paramref name="after"/> to get the next (older) page. Unknown cursor → empty page.
    /// </summary>
    public async Task<IReadOnlyList<PlatformEvent>> ListPageAsync(string? type, string? after, int limit, CancellationToken cancellationToken = default,
        string? kind = null, string? subscriptionId = null)
    {
        var query = db.Events.AsNoTracking();
        if (!string.IsNullOrEmpty(kind))
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (!string.IsNullOrEmpty(subscriptionId))
        {
            query = query.Where(e => e.SubscriptionId == subscriptionId);
        }

        if (!string.IsNullOrEmpty(type))
        {
            query = query.Where(e => e.Type == type);
        }

        if (!string.IsNullOrEmpty(after))
        {
            var cursor = await db.Events.AsNoTracking().Where(e => e.Id == after).Select(e => new { e.CreatedAt, e.Id }).FirstOrDefaultAsync(cancellationToken);
            if (cursor is null)
            {
                return [];
            }

            query = query.Where(e => e.CreatedAt < cursor.CreatedAt || (e.CreatedAt == cursor.CreatedAt && string.Compare(e.Id, cursor.Id) < 0));
        }

        return await query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>Whether <paramref name="cursor"/> has the shape of an event id (a page cursor): 1–100 letters, digits or '_'.</summary>
    public static bool IsValidCursor(string cursor) => RowIds.IsWellFormed(cursor);

    /// <summary>Events not yet dispatched and not held, oldest first (for the dispatcher; run it with system scope).</summary>
    public async Task<IReadOnlyList<PlatformEvent>> ListUndispatchedAsync(int limit = 100, CancellationToken cancellationToken = default) =>
        await db.Events.AsNoTracking().Where(e => e.DispatchedAt == null && e.HeldReason == null)
            .OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(limit).ToListAsync(cancellationToken);

    /// <summary>Marks events dispatched; returns how many were still pending.</summary>
    public async Task<int> MarkDispatchedAsync(IReadOnlyCollection<string> eventIds, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return await db.Events.Where(e => eventIds.Contains(e.Id) && e.DispatchedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DispatchedAt, now), cancellationToken);
    }
}

using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.ActionCalls;

/// <summary>The append-only record of action executions, read newest first with keyset paging.</summary>
public sealed class ActionCallLog(FastnDbContext db, IIdGenerator ids)
{
    public const int MaxPageSize = 500;

    /// <summary>Stores a call (assigning its <c>call_…</c> id) and returns it.</summary>
    public async Task<ActionCall> AppendAsync(ActionCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (string.IsNullOrEmpty(call.Id))
        {
            call.Id = ids.NewId("call");
        }

        db.ActionCalls.Add(call);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(call).State = EntityState.Detached;
        }

        return call;
    }

    public Task<ActionCall?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        db.ActionCalls.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);

    /// <summary>The connection's calls newest first (by start time, then id); <paramref name="cursor"/> continues a previous page.</summary>
    public async Task<ActionCallPage> ListByConnectionAsync(
        string connectionId,
        int limit = 50,
        string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        var query = db.ActionCalls.AsNoTracking().Where(c => c.ConnectionId == connectionId);
        if (cursor is not null)
        {
            var (startedAt, id) = ParseCursor(cursor);
            query = query.Where(c => c.StartedAt < startedAt || (c.StartedAt == startedAt && string.Compare(c.Id, id) < 0));
        }

        var rows = await query.OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.Id)
            .Take(limit + 1).ToListAsync(cancellationToken);
        if (rows.Count <= limit)
        {
            return new ActionCallPage(rows, null);
        }

        rows.RemoveAt(limit);
        var last = rows[^1];
        return new ActionCallPage(rows, $"{last.StartedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}.{last.Id}");
    }

    private static (DateTimeOffset StartedAt, string Id) ParseCursor(string cursor)
    {
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new ArgumentException("The cursor is not one returned by ListByConnectionAsync.", nameof(cursor));
        }

        return (new DateTimeOffset(ticks, TimeSpan.Zero), cursor[(dot + 1)..]);
    }
}

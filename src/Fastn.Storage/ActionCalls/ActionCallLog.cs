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

    /// <summary>Whether <paramref name="cursor"/> has the shape of a <see cref="ActionCallPage.NextCursor"/> (callers answer a bad one as a validation error).</summary>
    public static bool IsCursor(string cursor) => TryParseCursor(cursor, out _);

    private static (DateTimeOffset StartedAt, string Id) ParseCursor(string cursor) =>
        TryParseCursor(cursor, out var parsed)
            ? parsed
            : throw new ArgumentException("The cursor is not one returned by ListByConnectionAsync.", nameof(cursor));

    private static bool TryParseCursor(string cursor, out (DateTimeOffset StartedAt, string Id) parsed)
    {
        parsed = default;
        // "<ticks>.<call id>": ids are short ASCII tokens, so anything long or with other characters was not made here.
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (cursor.Length > 200 || dot <= 0 || dot == cursor.Length - 1
            || !long.TryParse(cursor.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTimeOffset.MaxValue.UtcTicks
            || cursor.AsSpan(dot + 1).ContainsAnyExcept(CursorIdCharacters))
        {
            return false;
        }

        parsed = (new DateTimeOffset(ticks, TimeSpan.Zero), cursor[(dot + 1)..]);
        return true;
    }

    private static readonly System.Buffers.SearchValues<char> CursorIdCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-");
}

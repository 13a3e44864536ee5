using System.Text;
using Fastn.Storage.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Polling;

/// <summary>One subscription due for a poll, as the partitions' due query returns it.</summary>
/// <param name="Id">The subscription id.</param>
/// <param name="WorkspaceId">Its workspace.</param>
/// <param name="TenantId">Its tenant.</param>
/// <param name="NextPollAt">When it was due.</param>
public sealed record DuePoll(string Id, string WorkspaceId, string TenantId, DateTimeOffset NextPollAt);

/// <summary>What a poll stores once a page's events are committed: hashes, then the subscription's cursor in the same transaction.</summary>
/// <param name="SubscriptionId">The subscription.</param>
/// <param name="Changed">Records whose hash, change count or tombstone changed (inserted or updated).</param>
/// <param name="Seen">Unchanged records listed in this pass (only their pass number moves; empty unless deletes are detected).</param>
/// <param name="Pass">The pass the page belongs to.</param>
/// <param name="Cursor">The cursor to resume from (null: the next run starts a new pass).</param>
/// <param name="PassStartedAt">When the pass in progress started (null once it is complete).</param>
/// <param name="Since">The <c>Since</c> for the next pass.</param>
/// <param name="BaselineTaken">Whether the first complete pass is done.</param>
public sealed record PollCheckpoint(string SubscriptionId, IReadOnlyCollection<PollRecordHash> Changed, IReadOnlyCollection<string> Seen, long Pass,
    string? Cursor, DateTimeOffset? PassStartedAt, DateTimeOffset? Since, bool BaselineTaken)
{
    /// <summary>
    /// The ids among <see cref="Changed"/> already stored (as the poll read them): updated in place without reading them
    /// again; the others are inserted. Null reads them first.
    /// </summary>
    public IReadOnlySet<string>? Existing { get; init; }
}

/// <summary>How a poll ended, for the subscription's row.</summary>
/// <param name="At">When it ended.</param>
/// <param name="Outcome">One sentence on what it did.</param>
/// <param name="Failures">Failed polls in a row now.</param>
/// <param name="NextPollAt">When the next poll is due (null: not until someone resumes it).</param>
/// <param name="Status">The status to set, or null to keep it.</param>
/// <param name="StatusReason">The reason to set with <paramref name="Status"/>.</param>
public sealed record PollOutcome(DateTimeOffset At, string Outcome, int Failures, DateTimeOffset? NextPollAt, SubscriptionStatus? Status, string? StatusReason);

/// <summary>
/// The Synthetic Event Engine's storage: record hashes per poll subscription (read a page's ids at a time, never all
/// in memory), checkpoints, and the schedule the partitions read.
/// </summary>
public sealed class PollStore(FastnDbContext db)
{
    /// <summary>Hash slots subscriptions are spread over; a partition owns a contiguous range of them.</summary>
    public const int Slots = 4096;

    /// <summary>Longest record id kept as is.</summary>
    public const int MaxRecordIdLength = 400;

    /// <summary>The subscription's slot: a stable hash of its id (FNV-1a), the same on every node and every run.</summary>
    public static int SlotOf(string subscriptionId)
    {
        ArgumentNullException.ThrowIfNull(subscriptionId);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(subscriptionId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % Slots);
    }

    /// <summary>The slots <c>[from, to)</c> partition <paramref name="partition"/> of <paramref name="partitions"/> owns.</summary>
    public static (int From, int To) SlotsOf(int partition, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(partition, partitions);
        return (First(partition), First(partition + 1));

        // The first slot whose PartitionOf is p: the inverse of floor(slot * partitions / Slots).
        int First(int p) => (int)(((long)p * Slots + partitions - 1) / partitions);
    }

    /// <summary>The partition of <paramref name="partitions"/> that owns <paramref name="slot"/>.</summary>
    public static int PartitionOf(int slot, int partitions) => (int)((long)slot * partitions / Slots);

    /// <summary>The stored hashes of <paramref name="recordIds"/> (the ids of one page), by record id.</summary>
    public async Task<Dictionary<string, PollRecordHash>> GetAsync(string subscriptionId, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken)
    {
        var rows = await db.Set<PollRecordHash>().AsNoTracking()
            .Where(h => h.SubscriptionId == subscriptionId && recordIds.Contains(h.RecordId))
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.RecordId, StringComparer.Ordinal);
    }

    /// <summary>Up to <paramref name="limit"/> live records not listed in pass <paramref name="pass"/> (deleted, once that pass is complete).</summary>
    public async Task<IReadOnlyList<PollRecordHash>> ListUnseenAsync(string subscriptionId, long pass, int limit, CancellationToken cancellationToken) =>
        await db.Set<PollRecordHash>().AsNoTracking()
            .Where(h => h.SubscriptionId == subscriptionId && h.SeenInPass < pass && !h.Deleted)
            .OrderBy(h => h.RecordId)
            .Take(limit)
            .ToListAsync(cancellationToken);

    /// <summary>How many records are stored for the subscription (tombstones included).</summary>
    public Task<int> CountAsync(string subscriptionId, CancellationToken cancellationToken) =>
        db.Set<PollRecordHash>().CountAsync(h => h.SubscriptionId == subscriptionId, cancellationToken);

    /// <summary>
    /// Stores a page's hashes and the subscription's cursor in one transaction. Call it only after the page's events
    /// are committed: a failure here repeats the page next run, and the events' dedup keys keep it from doubling.
    /// Returns false when the subscription no longer exists.
    /// </summary>
    public async Task<bool> CheckpointAsync(PollCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var existing = checkpoint.Existing;
            if (existing is null)
            {
                var ids = checkpoint.Changed.Select(c => c.RecordId).ToList();
                existing = ids.Count == 0
                    ? new HashSet<string>()
                    : (await db.Set<PollRecordHash>().AsNoTracking().Where(h => h.SubscriptionId == checkpoint.SubscriptionId && ids.Contains(h.RecordId))
                        .Select(h => h.RecordId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            }

            foreach (var change in checkpoint.Changed)
            {
                if (existing.Contains(change.RecordId))
                {
                    // Only what a poll changes; the key and the tenant columns stay.
                    var entry = db.Set<PollRecordHash>().Attach(change);
                    entry.Property(h => h.Hash).IsModified = true;
                    entry.Property(h => h.Changes).IsModified = true;
                    entry.Property(h => h.SeenInPass).IsModified = true;
                    entry.Property(h => h.Deleted).IsModified = true;
                }
                else
                {
                    db.Set<PollRecordHash>().Add(change);
                }
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }

            var seen = checkpoint.Seen.ToList();
            foreach (var chunk in seen.Chunk(500))
            {
                await db.Set<PollRecordHash>().Where(h => h.SubscriptionId == checkpoint.SubscriptionId && chunk.Contains(h.RecordId))
                    .ExecuteUpdateAsync(s => s.SetProperty(h => h.SeenInPass, checkpoint.Pass), ct);
            }

            var updated = await db.Subscriptions.Where(s => s.Id == checkpoint.SubscriptionId).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Cursor, checkpoint.Cursor)
                .SetProperty(x => x.PollPass, checkpoint.Pass)
                .SetProperty(x => x.PollPassStartedAt, checkpoint.PassStartedAt)
                .SetProperty(x => x.PollSince, checkpoint.Since)
                .SetProperty(x => x.PollBaselineTaken, checkpoint.BaselineTaken), ct);
            await transaction.CommitAsync(ct);
            return updated > 0;
        }, cancellationToken);
    }

    /// <summary>Records how a poll ended: last poll, next due time, failures, and the status unless the owner paused it meanwhile.</summary>
    public async Task RecordOutcomeAsync(string subscriptionId, PollOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var text = Truncate(outcome.Outcome, 2000);
        await db.Subscriptions.Where(s => s.Id == subscriptionId).ExecuteUpdateAsync(s => s
            .SetProperty(x => x.LastPollAt, outcome.At)
            .SetProperty(x => x.LastPollOutcome, text)
            .SetProperty(x => x.PollFailures, outcome.Failures)
            .SetProperty(x => x.NextPollAt, outcome.NextPollAt), cancellationToken);
        if (outcome.Status is { } status)
        {
            var reason = outcome.StatusReason is null ? null : Truncate(outcome.StatusReason, 2000);
            // An owner's pause wins over what a poll that was already running found.
            await db.Subscriptions.Where(s => s.Id == subscriptionId && s.Status != SubscriptionStatus.Paused).ExecuteUpdateAsync(x => x
                .SetProperty(s => s.Status, status)
                .SetProperty(s => s.StatusReason, reason)
                .SetProperty(s => s.UpdatedAt, outcome.At), cancellationToken);
        }
    }

    /// <summary>Sets when the subscription is next due (resume, poll-now, schedule change).</summary>
    public async Task<bool> ScheduleAsync(string subscriptionId, DateTimeOffset? nextPollAt, bool resetFailures, CancellationToken cancellationToken)
    {
        var query = db.Subscriptions.Where(s => s.Id == subscriptionId);
        return (resetFailures
            ? await query.ExecuteUpdateAsync(s => s.SetProperty(x => x.NextPollAt, nextPollAt).SetProperty(x => x.PollFailures, 0), cancellationToken)
            : await query.ExecuteUpdateAsync(s => s.SetProperty(x => x.NextPollAt, nextPollAt), cancellationToken)) > 0;
    }

    /// <summary>
    /// Up to <paramref name="limit"/> subscriptions in slots <c>[fromSlot, toSlot)</c> due at <paramref name="now"/>,
    /// most overdue first. Call it in system scope: a partition polls every tenant's subscriptions in its slots.
    /// </summary>
    public async Task<IReadOnlyList<DuePoll>> ListDueAsync(int fromSlot, int toSlot, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        await db.Subscriptions.AsNoTracking()
            .Where(s => s.NextPollAt != null && s.NextPollAt <= now && s.PollSlot >= fromSlot && s.PollSlot < toSlot
                && (s.Status == SubscriptionStatus.Active || s.Status == SubscriptionStatus.Failing))
            .OrderBy(s => s.NextPollAt)
            .Take(limit)
            .Select(s => new DuePoll(s.Id, s.WorkspaceId, s.TenantId, s.NextPollAt!.Value))
            .ToListAsync(cancellationToken);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}

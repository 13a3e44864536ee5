using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Flows;

/// <summary>Runs and their step results in the current tenant scope.</summary>
public sealed class FlowRunStore(FastnDbContext db, TimeProvider time)
{
    /// <summary>Stores a new run; a second run of the same flow for the same event throws <see cref="DuplicateKeyException"/>.</summary>
    public async Task<FlowRun> CreateAsync(FlowRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        db.FlowRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(run).State = EntityState.Detached;
        }

        return run;
    }

    /// <summary>The run, or null when it does not exist in scope.</summary>
    public async Task<FlowRun?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await db.FlowRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>The run's finished steps, in the order they finished.</summary>
    public async Task<IReadOnlyList<FlowRunStep>> ListStepsAsync(string runId, CancellationToken cancellationToken = default) =>
        await db.FlowRunSteps.AsNoTracking().Where(s => s.RunId == runId).OrderBy(s => s.Sequence).ThenBy(s => s.Path).ToListAsync(cancellationToken);

    /// <summary>
    /// One page of runs, newest first, filtered by flow, status and creation time; pass a page's last run id as
    /// <paramref name="after"/> for the next. An unknown cursor gives an empty page.
    /// </summary>
    public async Task<IReadOnlyList<FlowRun>> ListPageAsync(string? flowId, FlowRunStatus? status, DateTimeOffset? from, DateTimeOffset? to, string? after, int limit,
        CancellationToken cancellationToken = default)
    {
        var query = db.FlowRuns.AsNoTracking();
        if (flowId is not null)
        {
            query = query.Where(r => r.FlowId == flowId);
        }

        if (status is { } s)
        {
            query = query.Where(r => r.Status == s);
        }

        if (from is { } f)
        {
            query = query.Where(r => r.CreatedAt >= f);
        }

        if (to is { } t)
        {
            query = query.Where(r => r.CreatedAt < t);
        }

        if (after is not null)
        {
            var cursor = await db.FlowRuns.AsNoTracking().Where(r => r.Id == after).Select(r => new { r.CreatedAt, r.Id }).FirstOrDefaultAsync(cancellationToken);
            if (cursor is null)
            {
                return [];
            }

            query = query.Where(r => r.CreatedAt < cursor.CreatedAt || (r.CreatedAt == cursor.CreatedAt && string.Compare(r.Id, cursor.Id) < 0));
        }

        return await query.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(limit).ToListAsync(cancellationToken);
    }

    /// <summary>Changes a run with optimistic concurrency; null when it does not exist in scope.</summary>
    public async Task<FlowRun?> UpdateAsync(string id, Func<FlowRun, bool> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var run = await db.FlowRuns.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return null;
        }

        try
        {
            if (change(run))
            {
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        finally
        {
            db.Entry(run).State = EntityState.Detached;
        }

        return run;
    }

    /// <summary>Marks the run alive now (without a version bump: a heartbeat is not a change of state).</summary>
    public async Task HeartbeatAsync(string id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await db.FlowRuns.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.HeartbeatAt, now), cancellationToken);
    }

    /// <summary>
    /// Moves a queued run to running only while fewer than <paramref name="max"/> runs of its flow (of every tenant)
    /// are running, in one statement (and, on PostgreSQL, under a per-flow advisory lock), so two nodes or two runs
    /// starting at once cannot both take the last slot. True when this run got a slot.
    /// </summary>
    public async Task<bool> ClaimWithinLimitAsync(string runId, string flowId, int max, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock(hashtext({flowId}))", cancellationToken);
        }

        // The limit is the flow's, across tenants: flow ids are unique, so counting past the tenant filter reads no other flow.
        var claimed = await db.FlowRuns
            .Where(r => r.Id == runId && r.Status == FlowRunStatus.Queued
                && db.FlowRuns.IgnoreQueryFilters().Count(o => o.FlowId == flowId && o.Status == FlowRunStatus.Running) < max)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, FlowRunStatus.Running)
                .SetProperty(r => r.StatusReason, (string?)null)
                .SetProperty(r => r.StartedAt, r => r.StartedAt ?? now)
                .SetProperty(r => r.HeartbeatAt, now)
                .SetProperty(r => r.Version, r => r.Version + 1), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claimed == 1;
    }

    /// <summary>
    /// Runs the recovery sweep should (re)start (system scope): running ones whose heartbeat is older than
    /// <paramref name="staleBefore"/> (their node died), waiting or queued ones that are due.
    /// </summary>
    public async Task<IReadOnlyList<(string Id, string WorkspaceId, string TenantId)>> ListRecoverableAsync(DateTimeOffset now, DateTimeOffset staleBefore, int limit,
        CancellationToken cancellationToken = default)
    {
        var rows = await db.FlowRuns.AsNoTracking()
            .Where(r => (r.Status == FlowRunStatus.Running && (r.HeartbeatAt == null || r.HeartbeatAt < staleBefore))
                || ((r.Status == FlowRunStatus.Waiting || r.Status == FlowRunStatus.Queued) && (r.WakeAt == null || r.WakeAt <= now)))
            .OrderBy(r => r.WakeAt).Take(limit)
            .Select(r => new { r.Id, r.WorkspaceId, r.TenantId })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Id, r.WorkspaceId, r.TenantId))];
    }

    /// <summary>
    /// Stores a re-run with the succeeded steps of <paramref name="fromRunId"/> copied to it, in one transaction: the
    /// run is never visible (to the recovery sweep, which starts queued runs) without the steps it must not run again.
    /// Returns how many steps were copied.
    /// </summary>
    public async Task<int> CreateRerunAsync(FlowRun run, string fromRunId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        var steps = await db.FlowRunSteps.AsNoTracking().Where(s => s.RunId == fromRunId && s.Status == "succeeded").ToListAsync(cancellationToken);
        var copies = steps.Select(s => new FlowRunStep
        {
            RunId = run.Id,
            Path = s.Path,
            WorkspaceId = s.WorkspaceId,
            TenantId = s.TenantId,
            StepId = s.StepId,
            Kind = s.Kind,
            Status = s.Status,
            Attempts = s.Attempts,
            Input = s.Input,
            Output = s.Output,
            Error = s.Error,
            CallId = s.CallId,
            StartedAt = s.StartedAt,
            FinishedAt = s.FinishedAt,
            Sequence = s.Sequence,
        }).ToList();
        db.FlowRuns.Add(run);
        db.FlowRunSteps.AddRange(copies);
        try
        {
            // One SaveChanges is one transaction: the run and its kept steps land together or not at all.
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return copies.Count;
    }
}

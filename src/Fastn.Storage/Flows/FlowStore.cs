using Microsoft.EntityFrameworkCore;

namespace Fastn.Storage.Flows;

/// <summary>Flows and their published versions in the current workspace scope.</summary>
public sealed class FlowStore(FastnDbContext db, IIdGenerator ids, TimeProvider time)
{
    /// <summary>Stores a new flow with its first draft.</summary>
    public async Task<StoredFlow> CreateAsync(string workspaceId, string name, string draft, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var flow = new StoredFlow { Id = ids.NewId("flow"), WorkspaceId = workspaceId, Name = name, Draft = draft, CreatedAt = now, UpdatedAt = now };
        db.Flows.Add(flow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(flow).State = EntityState.Detached;
        }

        return flow;
    }

    /// <summary>The flow, or null when it does not exist in scope.</summary>
    public async Task<StoredFlow?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        await db.Flows.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);

    /// <summary>The flow of that name, or null.</summary>
    public async Task<StoredFlow?> FindByNameAsync(string name, CancellationToken cancellationToken = default) =>
        await db.Flows.AsNoTracking().FirstOrDefaultAsync(f => f.Name == name, cancellationToken);

    /// <summary>Every flow in scope, by name.</summary>
    public async Task<IReadOnlyList<StoredFlow>> ListAsync(CancellationToken cancellationToken = default) =>
        await db.Flows.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);

    /// <summary>
    /// Changes a flow; <paramref name="expectedVersion"/>, when given, must match the stored row's version (optimistic
    /// concurrency: <see cref="ConcurrencyConflictException"/> otherwise). Returns null when it does not exist in scope.
    /// </summary>
    public async Task<StoredFlow?> UpdateAsync(string id, Action<StoredFlow> change, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var flow = await db.Flows.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (flow is null)
        {
            return null;
        }

        try
        {
            if (expectedVersion is { } expected && flow.Version != expected)
            {
                throw new ConcurrencyConflictException($"The flow was changed since version {expected} was read (it is at version {flow.Version}); reload it and apply the change again.", null);
            }

            change(flow);
            flow.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            db.Entry(flow).State = EntityState.Detached;
        }

        return flow;
    }

    /// <summary>
    /// Publishes <paramref name="definition"/> as the flow's next version in one transaction, sets it as the version
    /// that runs, and applies <paramref name="change"/> (trigger kind and key, schedule). Returns the version number.
    /// </summary>
    public async Task<int> PublishAsync(string id, string definition, Action<StoredFlow> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var flow = await db.Flows.FirstOrDefaultAsync(f => f.Id == id, cancellationToken)
            ?? throw new InvalidOperationException($"The flow '{id}' does not exist in scope.");
        try
        {
            var number = (flow.PublishedVersion ?? 0) + 1;
            db.FlowVersions.Add(new StoredFlowVersion { FlowId = flow.Id, Number = number, WorkspaceId = flow.WorkspaceId, Definition = definition, PublishedAt = time.GetUtcNow() });
            flow.PublishedVersion = number;
            change(flow);
            flow.UpdatedAt = time.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return number;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A published version, or null.</summary>
    public async Task<StoredFlowVersion?> GetVersionAsync(string flowId, int number, CancellationToken cancellationToken = default) =>
        await db.FlowVersions.AsNoTracking().FirstOrDefaultAsync(v => v.FlowId == flowId && v.Number == number, cancellationToken);

    /// <summary>The published versions of a flow, newest first (definitions included).</summary>
    public async Task<IReadOnlyList<StoredFlowVersion>> ListVersionsAsync(string flowId, CancellationToken cancellationToken = default) =>
        await db.FlowVersions.AsNoTracking().Where(v => v.FlowId == flowId).OrderByDescending(v => v.Number).ToListAsync(cancellationToken);

    /// <summary>Deletes the flow, its versions and its runs; false when it did not exist in scope.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken = default) =>
        await db.Flows.Where(f => f.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;

    /// <summary>Enabled, published flows whose event trigger is one of <paramref name="triggerKeys"/>, in the given workspaces (system scope).</summary>
    public async Task<IReadOnlyList<StoredFlow>> ListForEventsAsync(IReadOnlyCollection<string> workspaceIds, IReadOnlyCollection<string> triggerKeys, CancellationToken cancellationToken = default) =>
        await db.Flows.AsNoTracking()
            .Where(f => f.Enabled && f.TriggerKind == "event" && workspaceIds.Contains(f.WorkspaceId) && triggerKeys.Contains(f.TriggerKey!))
            .ToListAsync(cancellationToken);

    /// <summary>Enabled scheduled flows due at <paramref name="now"/> (system scope).</summary>
    public async Task<IReadOnlyList<StoredFlow>> ListDueSchedulesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default) =>
        await db.Flows.AsNoTracking()
            .Where(f => f.Enabled && f.TriggerKind == "schedule" && f.NextRunAt != null && f.NextRunAt <= now)
            .OrderBy(f => f.NextRunAt).Take(limit).ToListAsync(cancellationToken);

    /// <summary>Moves a schedule from <paramref name="due"/> to <paramref name="next"/>; false when another node moved it first.</summary>
    public async Task<bool> AdvanceScheduleAsync(string id, DateTimeOffset due, DateTimeOffset? next, CancellationToken cancellationToken = default) =>
        await db.Flows.Where(f => f.Id == id && f.NextRunAt == due).ExecuteUpdateAsync(s => s.SetProperty(f => f.NextRunAt, next), cancellationToken) > 0;
}

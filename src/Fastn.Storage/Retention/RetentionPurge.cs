using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Storage.Retention;

/// <summary>
/// Deletes what the store no longer needs: expired OAuth states and connect sessions, call log rows,
/// dispatched events and finished flow runs older than <see cref="RetentionOptions"/>. Set-based deletes in bounded batches.
/// </summary>
internal sealed class RetentionPurge(
    IServiceScopeFactory scopes,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<RetentionPurge> logger)
{
    public async Task<RetentionPurgeResult> PurgeAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value.Retention;
        var batch = Math.Max(1, retention.BatchSize);
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncSystemScope("retention purge of expired and old rows in every workspace");
        var db = scope.ServiceProvider.GetRequiredService<FastnDbContext>();

        var states = await DeleteInBatchesAsync(db.OAuthStates, s => s.ExpiresAt < now, s => s.State, batch, cancellationToken);
        // Only once expired: until then a claimed session can still be released (failed attempt) or show its outcome.
        var sessions = await DeleteInBatchesAsync(db.ConnectSessions, s => s.ExpiresAt < now, s => s.Id, batch, cancellationToken);

        var calls = 0;
        if (retention.CallLogDays > 0)
        {
            var cutoff = now.AddDays(-retention.CallLogDays);
            calls = await DeleteInBatchesAsync(db.ActionCalls, c => c.StartedAt < cutoff, c => c.Id, batch, cancellationToken);
        }

        var events = 0;
        if (retention.EventDays > 0)
        {
            var cutoff = now.AddDays(-retention.EventDays);
            // Undispatched events are the outbox's pending work: never purged, however old.
            events = await DeleteInBatchesAsync(db.Events, e => e.DispatchedAt != null && e.CreatedAt < cutoff, e => e.Id, batch, cancellationToken);
        }

        var runs = 0;
        if (retention.RunDays > 0)
        {
            var cutoff = now.AddDays(-retention.RunDays);
            // Steps go with their run (cascade); a run still running, waiting or paused is live work, however old.
            runs = await DeleteInBatchesAsync(db.FlowRuns, r => r.FinishedAt != null && r.FinishedAt < cutoff, r => r.Id, batch, cancellationToken);
        }

        var result = new RetentionPurgeResult(states, sessions, calls, events, runs);
        if (result.Total > 0)
        {
            logger.LogInformation(
                "Retention purge deleted {OAuthStates} OAuth states, {ConnectSessions} connect sessions, {ActionCalls} calls, {Events} events and {Runs} flow runs",
                states, sessions, calls, events, runs);
        }

        return result;
    }

    // One short DELETE per batch (EF turns the LIMIT into a key subquery), so writers wait at most one batch.
    private static async Task<int> DeleteInBatchesAsync<T>(
        DbSet<T> set, Expression<Func<T, bool>> expired, Expression<Func<T, string>> key, int batch, CancellationToken cancellationToken)
        where T : class
    {
        var total = 0;
        while (true)
        {
            var deleted = await set.Where(expired).OrderBy(key).Take(batch).ExecuteDeleteAsync(cancellationToken);
            total += deleted;
            if (deleted < batch)
            {
                return total;
            }
        }
    }
}

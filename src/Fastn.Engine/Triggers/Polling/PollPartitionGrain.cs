using System.Collections.Concurrent;
using Fastn.Storage;
using Orleans.Concurrency;
using Fastn.Storage.Polling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Triggers.Polling;

/// <summary>
/// Polls one partition of the subscriptions: a grain timer (sub-minute) reads the partition's due subscriptions from
/// the store and runs them, at most <see cref="PollingOptions.PartitionConcurrency"/> at once; a one-minute reminder
/// re-activates it on a surviving node after a node dies. The store, not the grain, holds every schedule and cursor.
/// </summary>
[Reentrant]
internal sealed class PollPartitionGrain(
    IServiceScopeFactory scopes,
    PollRunner runner,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    IOptions<PollingOptions> options,
    ILogger<PollPartitionGrain> logger) : Grain, IPollPartitionGrain, IRemindable
{
    /// <summary>The keep-alive reminder's name.</summary>
    public const string ReminderName = "poll-partition";

    private readonly ConcurrentDictionary<string, Task<PollRunResult>> _running = new(StringComparer.Ordinal);
    private int _ticking;

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var tick = options.Value.TickInterval;
        this.RegisterGrainTimer(TickAsync, new GrainTimerCreationOptions(tick, tick) { Interleave = true, KeepAlive = true });
        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
    }

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task<PollRunResult> PollNowAsync(string subscriptionId, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_running.TryGetValue(subscriptionId, out var current))
            {
                await current.WaitAsync(cancellationToken);
                continue;
            }

            var run = new TaskCompletionSource<PollRunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_running.TryAdd(subscriptionId, run.Task))
            {
                continue;
            }

            try
            {
                var result = await Task.Run(() => runner.RunAsync(subscriptionId, manual: true, cancellationToken), cancellationToken);
                run.SetResult(result);
                return result;
            }
            catch (Exception ex)
            {
                run.SetException(ex);
                _ = run.Task.Exception;
                throw;
            }
            finally
            {
                _running.TryRemove(subscriptionId, out _);
            }
        }
    }

    // Starts due subscriptions in free slots and returns: a slow poll holds one slot, never the tick.
    private async Task TickAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            var settings = options.Value;
            var free = settings.PartitionConcurrency - _running.Count;
            if (free <= 0)
            {
                return;
            }

            var (from, to) = PollStore.SlotsOf((int)this.GetPrimaryKeyLong(), settings.Partitions);
            IReadOnlyList<DuePoll> due;
            await using (var scope = scopes.CreateAsyncSystemScope("poll partition: reads its due subscriptions"))
            {
                due = await scope.ServiceProvider.GetRequiredService<PollStore>()
                    .ListDueAsync(from, to, time.GetUtcNow(), free + _running.Count, cancellationToken);
            }

            foreach (var poll in due)
            {
                if (free <= 0)
                {
                    break;
                }

                var run = new TaskCompletionSource<PollRunResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!_running.TryAdd(poll.Id, run.Task))
                {
                    continue;
                }

                free--;
                _ = Task.Run(() => RunScheduledAsync(poll.Id, run), CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Poll partition {Partition} could not read its due subscriptions", this.GetPrimaryKeyLong());
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    private async Task RunScheduledAsync(string subscriptionId, TaskCompletionSource<PollRunResult> run)
    {
        try
        {
            // A scheduled run belongs to the partition, not to the tick that started it: it ends when the host stops.
            run.SetResult(await runner.RunAsync(subscriptionId, manual: false, lifetime.ApplicationStopping));
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            run.SetResult(new PollRunResult { SubscriptionId = subscriptionId, Outcome = PollRunOutcome.Skipped, Detail = "The server is stopping." });
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Scheduled poll of {Subscription} failed", subscriptionId);
            run.SetResult(new PollRunResult { SubscriptionId = subscriptionId, Outcome = PollRunOutcome.Failed, Detail = "The poll failed inside Fastn; see the server log." });
        }
        finally
        {
            _running.TryRemove(subscriptionId, out _);
        }
    }
}

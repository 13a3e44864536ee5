using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Fastn.Engine.Hosting;

// Background services run beside the other hosted services' start-up: these helpers wait until every one has started
// (so nothing opens the database before the storage initializer has created and migrated it), then loop.
internal static class HostStart
{
    /// <summary>Waits for <see cref="IHostApplicationLifetime.ApplicationStarted"/>; false when the host stopped first.</summary>
    public static async Task<bool> WaitAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task.ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
    }

    /// <summary>
    /// After start, runs <paramref name="pass"/> every <paramref name="interval"/> until the host stops; a failing pass
    /// (a busy or restarting database) is logged as <paramref name="what"/> and tried again on the next tick.
    /// </summary>
    public static async Task LoopAsync(IHostApplicationLifetime lifetime, Func<TimeSpan> interval, TimeProvider time, ILogger logger, string what,
        Func<CancellationToken, Task> pass, CancellationToken stoppingToken)
    {
        if (!await WaitAsync(lifetime, stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "{What} failed; retrying", what);
            }

            try
            {
                await Task.Delay(interval(), time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

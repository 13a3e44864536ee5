using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Storage.Retention;

/// <summary>Runs <see cref="RetentionPurge"/> every <see cref="RetentionOptions.Interval"/> on the injected clock.</summary>
internal sealed partial class RetentionHostedService(
    RetentionPurge purge,
    IOptions<StorageOptions> options,
    TimeProvider time,
    ILogger<RetentionHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Created before the first await, so the first period counts from host start.
        using var timer = new PeriodicTimer(options.Value.Retention.Interval, time);
        while (await WaitAsync(timer, stoppingToken))
        {
            try
            {
                await purge.PurgeAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // A failed run (database briefly unavailable…) is retried on the next tick, not fatal to the host.
                LogPurgeFailed(logger, ex);
            }
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention purge failed; retrying on the next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}

using Fastn.Engine.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Triggers.Polling;

/// <summary>
/// Ensures every poll partition is active with its reminder once the host has started (the storage initializer has
/// migrated the database by then). Every node does it, so a cold start of the cluster, or reminders lost with Redis,
/// loses no partition.
/// </summary>
internal sealed class PollPartitionStarter(
    IServiceProvider services,
    IHostApplicationLifetime lifetime,
    IOptions<PollingOptions> options,
    ILogger<PollPartitionStarter> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled || services.GetService(typeof(IGrainFactory)) is not IGrainFactory grains)
        {
            logger.LogInformation("Poll partitions are not started on this host (polling disabled or no Orleans silo).");
            return;
        }

        if (!await HostStart.WaitAsync(lifetime, stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        for (var n = 0; n < settings.Partitions; n++)
        {
            try
            {
                await grains.GetGrain<IPollPartitionGrain>(n).EnsureAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The reminder service re-activates it within a minute on whichever node owns it.
                logger.LogWarning(ex, "Poll partition {Partition} could not be started now", n);
            }
        }

        logger.LogInformation("Poll partitions 0-{Last} active", settings.Partitions - 1);
    }
}

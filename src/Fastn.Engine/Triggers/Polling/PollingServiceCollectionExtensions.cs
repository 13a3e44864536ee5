using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Engine.Triggers.Polling;

/// <summary>DI registration of the Synthetic Event Engine.</summary>
internal static class PollingServiceCollectionExtensions
{
    /// <summary>The poll runner, the API's poll-now service and the start-up of the partitions (<c>Fastn:Polling</c>).</summary>
    public static IServiceCollection AddFastnPolling(this IServiceCollection services)
    {
        services.AddOptions<PollingOptions>().BindConfiguration("Fastn:Polling")
            .Validate(o => o.Partitions is > 0 and <= 4096, "Fastn:Polling:Partitions must be between 1 and 4096.")
            .Validate(o => o.PartitionConcurrency > 0 && o.MaxPagesPerRun > 0 && o.PageSize > 0, "Fastn:Polling concurrency, page cap and page size must be positive.")
            .Validate(o => o.TickInterval > TimeSpan.Zero && o.BackoffBase > TimeSpan.Zero && o.BackoffMax >= o.BackoffBase, "Fastn:Polling times must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<PollRunner>();
        services.TryAddScoped<PollService>();
        services.AddHostedService<PollPartitionStarter>();
        return services;
    }
}

using Fastn.Engine.Hosting;
using Fastn.Storage;
using Fastn.Storage.Flows;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Flows;

/// <summary>
/// The recovery sweep and the scheduler: every <see cref="FlowEngineOptions.SweepInterval"/>, starts runs that are
/// due (a delay ended, a retry's back-off passed, a queued run's turn), takes over runs whose node went silent, and
/// fires due cron schedules (once across the cluster: the schedule moves forward only for the node that fires it).
/// </summary>
public sealed class FlowSweeper(
    IServiceScopeFactory scopes,
    IServiceProviderIsService registrations,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    IOptions<FlowEngineOptions> options,
    ILogger<FlowSweeper> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!registrations.IsService(typeof(FlowRunStore)))
        {
            return;
        }

        await HostStart.LoopAsync(lifetime, () => options.Value.SweepInterval, time, logger, "Flow sweep", SweepOnceAsync, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>One sweep; returns how many runs it started.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var scope = scopes.CreateAsyncSystemScope("the flow sweep resumes due and orphaned runs and fires schedules");
        var runs = scope.ServiceProvider.GetRequiredService<FlowRunStore>();
        var due = await runs.ListRecoverableAsync(now, now - options.Value.StaleAfter, 200, cancellationToken).ConfigureAwait(false);
        foreach (var (id, workspaceId, tenantId) in due)
        {
            await grains.GetGrain<IFlowRunGrain>(id).StartAsync(workspaceId, tenantId).ConfigureAwait(false);
        }

        var started = due.Count;
        var flows = scope.ServiceProvider.GetRequiredService<FlowStore>();
        foreach (var flow in await flows.ListDueSchedulesAsync(now, 100, cancellationToken).ConfigureAwait(false))
        {
            started += await FireScheduleAsync(flow, now, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        return started;
    }

    private async Task<bool> FireScheduleAsync(StoredFlow flow, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(flow.WorkspaceId);
        var service = scope.ServiceProvider.GetRequiredService<FlowService>();
        return await service.FireScheduleAsync(flow, now, cancellationToken).ConfigureAwait(false);
    }
}

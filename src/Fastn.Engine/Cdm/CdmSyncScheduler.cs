using Fastn.Connectors;
using Fastn.Engine.Hosting;
using Fastn.Storage;
using Fastn.Storage.Cdm;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Cdm;

/// <summary>
/// Runs due CDM sync passes: every few seconds it claims the syncs whose next pass is due (moving their next pass on
/// first, with the row's version as the guard, so one node of a cluster claims each) and runs each pass in its tenant's
/// scope.
/// </summary>
public sealed class CdmSyncScheduler(
    IServiceScopeFactory scopes,
    IServiceProviderIsService registrations,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    IOptions<CdmSyncOptions> options,
    ILogger<CdmSyncScheduler> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!registrations.IsService(typeof(CdmSyncStore)))
        {
            return;
        }

        await HostStart.LoopAsync(lifetime, () => options.Value.CheckEvery, time, logger, "CDM sync", RunDueAsync, stoppingToken).ConfigureAwait(false);
    }

    /// <summary>Runs every due pass once; returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<(string Id, string WorkspaceId, string TenantId)> due;
        await using (var scope = scopes.CreateAsyncSystemScope("the CDM sync scheduler finds due passes of every tenant"))
        {
            due = await scope.ServiceProvider.GetRequiredService<CdmSyncStore>().ListDueAsync(time.GetUtcNow(), 20, cancellationToken).ConfigureAwait(false);
        }

        var ran = 0;
        foreach (var (id, workspaceId, tenantId) in due)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantScope>().Set(workspaceId, tenantId);
            var store = scope.ServiceProvider.GetRequiredService<CdmSyncStore>();
            var now = time.GetUtcNow();
            try
            {
                // The claim: only the node whose update lands runs the pass.
                if (await store.UpdateAsync(id, s => { s.NextPassAt = now + options.Value.Interval; return true; }, cancellationToken).ConfigureAwait(false) is null)
                {
                    continue;
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                continue;
            }

            try
            {
                await scope.ServiceProvider.GetRequiredService<CdmSyncService>().RunPassAsync(new TenantInfo(workspaceId, tenantId), id, cancellationToken).ConfigureAwait(false);
                ran++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "CDM sync {Sync} pass failed; it runs again at its next pass", id);
            }
        }

        return ran;
    }
}

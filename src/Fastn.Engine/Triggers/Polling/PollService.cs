using Fastn.Connectors;
using Fastn.Connectors.Triggers;
using Fastn.Engine.Registry;
using Fastn.Engine.Errors;
using Fastn.Storage;
using Fastn.Storage.Polling;
using Fastn.Storage.Subscriptions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Triggers.Polling;

/// <summary>Poll subscriptions for hosts: "poll now" (a flow's test run polls once) through the subscription's partition.</summary>
public sealed class PollService
{
    private readonly SubscriptionStore _subscriptions;
    private readonly IServiceProvider _services;
    private readonly IOptions<PollingOptions> _options;

    /// <summary>Creates the service (resolved from DI).</summary>
    public PollService(SubscriptionStore subscriptions, IServiceProvider services, IOptions<PollingOptions> options)
    {
        _subscriptions = subscriptions;
        _services = services;
        _options = options;
    }

    /// <summary>
    /// Polls the tenant's subscription now and returns what the run found. It runs in the subscription's partition, so it
    /// never overlaps a scheduled run of the same subscription; a failing or needs-reauth subscription is tried anyway.
    /// </summary>
    public async Task<PollRunResult> PollNowAsync(TenantInfo tenant, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var subscription = RowIds.IsWellFormed(id) ? await _subscriptions.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (subscription is null || subscription.WorkspaceId != tenant.WorkspaceId || subscription.TenantId != tenant.TenantId)
        {
            throw FastnException.NotFound($"Subscription {ProblemText.Quote(id)} does not exist for tenant '{tenant.TenantId}'.");
        }

        if (_services.GetRequiredService<ConnectorRegistry>().Find(subscription.Connector)?.Definition.FindTrigger(subscription.Trigger) is not PollTriggerDefinition)
        {
            throw FastnException.Validation($"Subscription '{id}' is a webhook subscription; only poll subscriptions can be polled.", "$.id");
        }

        if (subscription.Status == SubscriptionStatus.Paused)
        {
            throw FastnException.Conflict($"Subscription '{id}' is paused; resume it to poll.");
        }

        if (_services.GetService<IGrainFactory>() is { } grains)
        {
            var partition = PollStore.PartitionOf(PollStore.SlotOf(id), _options.Value.Partitions);
            return await grains.GetGrain<IPollPartitionGrain>(partition).PollNowAsync(id, cancellationToken).ConfigureAwait(false);
        }

        // A host without a silo (tests, tools) runs it here.
        return await _services.GetRequiredService<PollRunner>().RunAsync(id, manual: true, cancellationToken).ConfigureAwait(false);
    }
}

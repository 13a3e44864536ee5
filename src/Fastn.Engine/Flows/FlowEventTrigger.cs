using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fastn.Engine.Triggers;
using Fastn.Flows;
using Fastn.Storage;
using Fastn.Storage.Events;
using Fastn.Storage.Flows;

namespace Fastn.Engine.Flows;

/// <summary>
/// Starts the runs that stored trigger events ask for: each enabled, published flow whose event trigger names the
/// event's connector and trigger (and whose event types and filters accept it) gets one run in the event's tenant.
/// Called by the event dispatcher before it marks events dispatched, with system scope; a run per flow and event is
/// unique, so a pass repeated after a crash starts nothing twice.
/// </summary>
internal sealed class FlowEventTrigger(FlowStore flows, FlowRunStore runs, IGrainFactory grains, IIdGenerator ids, TimeProvider time)
{
    private static readonly ConcurrentDictionary<(string FlowId, int Version), EventFilter> Filters = new();

    /// <summary>Starts runs for <paramref name="events"/>; returns how many it started.</summary>
    public async Task<int> StartForEventsAsync(IReadOnlyList<PlatformEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var triggered = events.Where(e => e.Kind == EventKinds.Trigger && e.Trigger is not null && e.HeldReason is null).ToArray();
        if (triggered.Length == 0)
        {
            return 0;
        }

        var candidates = await flows.ListForEventsAsync([.. triggered.Select(e => e.WorkspaceId).Distinct()], [.. triggered.Select(e => e.Trigger!).Distinct()], cancellationToken)
            .ConfigureAwait(false);
        if (candidates.Count == 0)
        {
            return 0;
        }

        var started = new List<FlowRun>();
        foreach (var evt in triggered)
        {
            JsonNode? payload = null;
            foreach (var flow in candidates.Where(f => f.WorkspaceId == evt.WorkspaceId && f.TriggerKey == evt.Trigger && f.PublishedVersion is not null))
            {
                var (definition, filter) = await DefinitionAsync(flow, cancellationToken).ConfigureAwait(false);
                if (definition.Trigger is not Fastn.Flows.Triggers.EventTrigger trigger
                    || (trigger.EventTypes.Count > 0 && !trigger.EventTypes.Contains(evt.Type, StringComparer.Ordinal)))
                {
                    continue;
                }

                payload ??= FlowService.TriggerOf(evt)["payload"];
                if (!filter.IsEmpty && !filter.Matches(payload))
                {
                    continue;
                }

                var run = new FlowRun
                {
                    Id = ids.NewId("run"),
                    WorkspaceId = evt.WorkspaceId,
                    TenantId = evt.TenantId,
                    FlowId = flow.Id,
                    FlowVersion = flow.PublishedVersion!.Value,
                    StartedBy = "event",
                    Trigger = FlowService.TriggerOf(evt).ToJsonString(),
                    EventId = evt.Id,
                    Status = FlowRunStatus.Queued,
                    CreatedAt = time.GetUtcNow(),
                };
                try
                {
                    await runs.CreateAsync(run, cancellationToken).ConfigureAwait(false);
                    started.Add(run);
                }
                catch (DuplicateKeyException)
                {
                    // This event already started this flow (an earlier pass, or another node).
                }
            }
        }

        foreach (var run in started)
        {
            await grains.GetGrain<IFlowRunGrain>(run.Id).StartAsync(run.WorkspaceId, run.TenantId).ConfigureAwait(false);
        }

        return started.Count;
    }

    private async Task<(FlowDefinition, EventFilter)> DefinitionAsync(StoredFlow flow, CancellationToken cancellationToken)
    {
        var version = flow.PublishedVersion!.Value;
        var definition = await PublishedDefinitions.GetAsync(flows, flow.Id, version, cancellationToken).ConfigureAwait(false) ?? FlowJson.Parse(flow.Draft);
        var filter = Filters.GetOrAdd((flow.Id, version), _ =>
            definition.Trigger is Fastn.Flows.Triggers.EventTrigger { Filters: { } f } ? EventFilter.Parse(f, "$.trigger.filters") : EventFilter.None);
        return (definition, filter);
    }
}

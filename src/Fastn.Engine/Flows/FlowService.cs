using System.Globalization;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Engine.Connections;
using Fastn.Engine.Errors;
using Fastn.Engine.Registry;
using Fastn.Flows;
using Fastn.Flows.Triggers;
using Fastn.Flows.Validation;
using Fastn.Storage;
using Fastn.Storage.Events;
using Fastn.Storage.Flows;

namespace Fastn.Engine.Flows;

/// <summary>
/// Flows for the API, the CLI and the dashboard: drafts validated on save (every problem with its path),
/// publishing immutable versions, enabling, manual and test runs, run history, re-runs, cancel and resume.
/// </summary>
public sealed class FlowService(
    FlowStore flows,
    FlowRunStore runs,
    EventStore events,
    RegistryFlowCatalog catalog,
    ConnectionService connections,
    ConnectorRegistry registry,
    Execution.ActionExecutor executor,
    Triggers.SubscriptionService subscriptions,
    IGrainFactory grains,
    IIdGenerator ids,
    TimeProvider time)
{
    /// <summary>Most runs a page lists.</summary>
    public const int MaxPage = 200;

    /// <summary>Checks a definition without saving it.</summary>
    public FlowValidationView Validate(JsonNode? document)
    {
        try
        {
            var definition = FlowJson.Parse(document);
            var problems = FlowValidator.Validate(definition, catalog.Context());
            return new FlowValidationView(problems.Count == 0, problems);
        }
        catch (FlowDefinitionException ex)
        {
            return new FlowValidationView(false, ex.Problems);
        }
    }

    /// <summary>Creates a flow from a valid definition (its draft); a name already used in the workspace is a conflict.</summary>
    public async Task<FlowView> CreateAsync(string workspaceId, JsonNode? document, CancellationToken cancellationToken)
    {
        var definition = Checked(document);
        if (await flows.FindByNameAsync(definition.Name, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw FastnException.Conflict($"A flow named '{definition.Name}' already exists in this workspace; update that flow's draft, or choose another name.");
        }

        try
        {
            var flow = await flows.CreateAsync(workspaceId, definition.Name, FlowJson.Serialize(definition), cancellationToken).ConfigureAwait(false);
            return await ViewAsync(flow, cancellationToken).ConfigureAwait(false);
        }
        catch (DuplicateKeyException)
        {
            throw FastnException.Conflict($"A flow named '{definition.Name}' already exists in this workspace.");
        }
    }

    /// <summary>Replaces a flow's draft; <paramref name="expectedRevision"/>, when given, refuses a lost update.</summary>
    public async Task<FlowView> UpdateAsync(string id, JsonNode? document, long? expectedRevision, CancellationToken cancellationToken)
    {
        var definition = Checked(document);
        var existing = await RequireAsync(id, cancellationToken).ConfigureAwait(false);
        if (existing.Name != definition.Name && await flows.FindByNameAsync(definition.Name, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw FastnException.Conflict($"Another flow is already named '{definition.Name}'.");
        }

        try
        {
            var updated = await flows.UpdateAsync(id, f =>
            {
                f.Name = definition.Name;
                f.Draft = FlowJson.Serialize(definition);
            }, expectedRevision, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
            return await ViewAsync(updated, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException ex)
        {
            throw FastnException.Conflict(ex.Message);
        }
    }

    /// <summary>Deploys a definition by name: creates the flow or replaces its draft, then publishes it.</summary>
    public async Task<FlowView> DeployAsync(string workspaceId, JsonNode? document, CancellationToken cancellationToken)
    {
        var definition = Checked(document);
        var existing = await flows.FindByNameAsync(definition.Name, cancellationToken).ConfigureAwait(false);
        var flow = existing is null
            ? await CreateAsync(workspaceId, document, cancellationToken).ConfigureAwait(false)
            : await UpdateAsync(existing.Id, document, null, cancellationToken).ConfigureAwait(false);
        return flow.HasUnpublishedChanges || flow.PublishedVersion is null ? await PublishAsync(flow.Id, cancellationToken).ConfigureAwait(false) : flow;
    }

    /// <summary>The flow.</summary>
    public async Task<FlowView> GetAsync(string id, CancellationToken cancellationToken) =>
        await ViewAsync(await RequireAsync(id, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Every flow of the workspace, by name.</summary>
    public async Task<IReadOnlyList<FlowView>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<FlowView>();
        foreach (var flow in await flows.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(await ViewAsync(flow, cancellationToken).ConfigureAwait(false));
        }

        return list;
    }

    /// <summary>The published versions, newest first.</summary>
    public async Task<IReadOnlyList<FlowVersionView>> ListVersionsAsync(string id, CancellationToken cancellationToken)
    {
        await RequireAsync(id, cancellationToken).ConfigureAwait(false);
        return [.. (await flows.ListVersionsAsync(id, cancellationToken).ConfigureAwait(false)).Select(v => new FlowVersionView(v.Number, JsonNode.Parse(v.Definition)!.AsObject(), v.PublishedAt))];
    }

    /// <summary>Publishes the draft as a new version (validated again: connectors may have changed). The first publish enables the flow.</summary>
    public async Task<FlowView> PublishAsync(string id, CancellationToken cancellationToken)
    {
        var flow = await RequireAsync(id, cancellationToken).ConfigureAwait(false);
        var definition = Checked(JsonNode.Parse(flow.Draft));
        var now = time.GetUtcNow();
        DateTimeOffset? next = definition.Trigger is ScheduleTrigger s ? NextOccurrence(s, now) : null;
        await flows.PublishAsync(id, flow.Draft, f =>
        {
            f.TriggerKind = KindOf(definition.Trigger);
            f.TriggerKey = definition.Trigger is EventTrigger e ? $"{e.Connector}.{e.Trigger}" : null;
            f.NextRunAt = next;
            f.Enabled = f.PublishedVersion == 1 || f.Enabled;
        }, cancellationToken).ConfigureAwait(false);
        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Enables or disables the published flow's trigger.</summary>
    public async Task<FlowView> SetEnabledAsync(string id, bool enabled, CancellationToken cancellationToken)
    {
        var flow = await RequireAsync(id, cancellationToken).ConfigureAwait(false);
        if (enabled && flow.PublishedVersion is null)
        {
            throw FastnException.Conflict("The flow has never been published; publish it first.");
        }

        var now = time.GetUtcNow();
        var updated = await flows.UpdateAsync(id, f =>
        {
            f.Enabled = enabled;
            if (enabled && f.TriggerKind == "schedule" && FlowJson.Parse(f.Draft).Trigger is ScheduleTrigger)
            {
                f.NextRunAt ??= now;
            }
        }, null, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
        return await ViewAsync(updated, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the flow with its versions and run history.</summary>
    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await flows.DeleteAsync(id, cancellationToken).ConfigureAwait(false))
        {
            throw NotFound(id);
        }
    }

    /// <summary>Starts a run for the tenant: the published version, or the draft as a test run.</summary>
    public async Task<FlowRunView> StartAsync(TenantInfo tenant, string flowId, StartFlowRun request, string startedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        var flow = await RequireAsync(flowId, cancellationToken).ConfigureAwait(false);
        var trigger = new JsonObject
        {
            ["type"] = startedBy,
            ["payload"] = request.Payload?.DeepClone(),
            ["tenantId"] = tenant.TenantId,
            ["source"] = startedBy,
        };
        return await CreateRunAsync(tenant, flow, request.Draft, trigger, startedBy, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a run of a flow whose published trigger is an HTTP trigger, with the request body as payload; says
    /// whether the caller should wait for the output (the trigger's <c>respondWithOutput</c>).
    /// </summary>
    public async Task<(FlowRunView Run, bool RespondWithOutput)> InvokeAsync(TenantInfo tenant, string flowId, JsonNode? payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var flow = await RequireAsync(flowId, cancellationToken).ConfigureAwait(false);
        if (flow.TriggerKind != "http")
        {
            throw FastnException.Conflict("This flow's published trigger is not an HTTP trigger; start it as a manual run instead.");
        }

        if (!flow.Enabled)
        {
            throw FastnException.Conflict("This flow is disabled; enable it first.");
        }

        var definition = await PublishedDefinitions.GetAsync(flows, flow.Id, flow.PublishedVersion!.Value, cancellationToken).ConfigureAwait(false)
            ?? FlowJson.Parse(flow.Draft);

        var trigger = new JsonObject
        {
            ["type"] = "http",
            ["payload"] = payload?.DeepClone(),
            ["tenantId"] = tenant.TenantId,
            ["source"] = "http",
        };
        var run = await CreateRunAsync(tenant, flow, false, trigger, "http", null, cancellationToken).ConfigureAwait(false);
        return (run, definition.Trigger is HttpTrigger { RespondWithOutput: true });
    }

    /// <summary>Test-runs the draft with a given payload, the tenant's last real event of the flow's trigger, or a named event.</summary>
    public async Task<FlowRunView> TestAsync(TenantInfo tenant, string flowId, TestFlowRun request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(request);
        var flow = await RequireAsync(flowId, cancellationToken).ConfigureAwait(false);
        var definition = FlowJson.Parse(flow.Draft);
        var source = request.Source ?? (request.Payload is null ? "lastEvent" : "payload");
        PlatformEvent? evt;
        switch (source)
        {
            case "payload":
                return await CreateRunAsync(tenant, flow, true, new JsonObject
                {
                    ["type"] = "test",
                    ["payload"] = request.Payload?.DeepClone(),
                    ["tenantId"] = tenant.TenantId,
                    ["source"] = "test",
                }, "test", null, cancellationToken).ConfigureAwait(false);
            case "lastEvent":
                if (definition.Trigger is not EventTrigger e)
                {
                    throw FastnException.Validation("Only a flow with an event trigger has a last event; give a payload (source \"payload\") instead.", "$.source");
                }

                evt = (await events.ListPageAsync(null, null, 50, cancellationToken, EventKinds.Trigger).ConfigureAwait(false))
                    .FirstOrDefault(x => x.Trigger == $"{e.Connector}.{e.Trigger}" && x.TenantId == tenant.TenantId)
                    ?? throw FastnException.NotFound($"The tenant '{tenant.TenantId}' has no stored {e.Connector}.{e.Trigger} event yet. Make a change in the app (or subscribe to the trigger first), or test with a payload.");
                break;
            case "sample":
                return await CreateRunAsync(tenant, flow, true, await SampleAsync(tenant, definition, cancellationToken).ConfigureAwait(false), "test", null, cancellationToken)
                    .ConfigureAwait(false);
            case "event":
                evt = string.IsNullOrEmpty(request.EventId) ? null : (await events.GetManyAsync([request.EventId], cancellationToken).ConfigureAwait(false)).FirstOrDefault(x => x.TenantId == tenant.TenantId);
                if (evt is null)
                {
                    throw FastnException.NotFound($"There is no event {ProblemText.Quote(request.EventId ?? "")} for tenant '{tenant.TenantId}'.");
                }

                break;
            default:
                throw FastnException.Validation($"The test source '{source}' is not known; use payload, lastEvent, sample or event.", "$.source");
        }

        return await CreateRunAsync(tenant, flow, true, TriggerOf(evt), "test", null, cancellationToken).ConfigureAwait(false);
    }

    // A poll trigger's sample fetched from the app: the first record of its first page, as a poll's created event would
    // carry it, read through the tenant's subscription (its parameters) or else its connection; the subscription's
    // cursor and hashes are not touched.
    private async Task<JsonObject> SampleAsync(TenantInfo tenant, FlowDefinition definition, CancellationToken cancellationToken)
    {
        if (definition.Trigger is not EventTrigger e || registry.Find(e.Connector)?.Definition is not { } connector
            || connector.Triggers.FirstOrDefault(t => t.Name == e.Trigger) is not { } trigger)
        {
            throw FastnException.Validation("Only a flow whose trigger is a connector's trigger has a sample to fetch; give a payload (source \"payload\") instead.", "$.source");
        }

        if (trigger is not Fastn.Connectors.Triggers.PollTriggerDefinition poll)
        {
            throw FastnException.Validation($"{e.Connector}.{e.Trigger} is a webhook trigger: the app sends its events, Fastn cannot fetch one. Test with the last real event (source \"lastEvent\") or a payload.", "$.source");
        }

        var subscription = (await subscriptions.ListAsync(null, cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(s => s.Tenant.TenantId == tenant.TenantId && s.Connector == e.Connector && s.Trigger == e.Trigger);
        var connectionId = subscription?.ConnectionId
            ?? (await connections.ListAsync(tenant.TenantId, e.Connector, cancellationToken).ConfigureAwait(false)).FirstOrDefault(c => c.Status == ConnectionState.Active)?.Id
            ?? throw FastnException.NotFound($"The tenant '{tenant.TenantId}' has no active {e.Connector} connection to fetch a sample with; connect {e.Connector} first.");
        var page = await Triggers.Polling.PollFetch.PageAsync(executor, tenant, connectionId, connector, poll,
            new Fastn.Connectors.Triggers.PollRequest(null, null) { PageSize = 1, Parameters = subscription?.Parameters?.DeepClone() as JsonObject ?? [] },
            "a flow's test sample", cancellationToken).ConfigureAwait(false);
        var record = page.Records.FirstOrDefault()
            ?? throw FastnException.NotFound($"{e.Connector}.{e.Trigger} returned no records for this tenant, so there is no sample; create one in the app, or test with a payload.");
        return new JsonObject
        {
            ["type"] = "created",
            ["payload"] = new JsonObject { ["id"] = record.Id, ["change"] = "created", ["record"] = record.Record.DeepClone() },
            ["tenantId"] = tenant.TenantId,
            ["connectionId"] = connectionId,
            ["source"] = "sample",
        };
    }

    /// <summary>The run, with its steps when asked.</summary>
    public async Task<FlowRunView> GetRunAsync(string runId, bool withSteps, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw RunNotFound(runId);
        return FlowRunView.From(run, withSteps ? await runs.ListStepsAsync(runId, cancellationToken).ConfigureAwait(false) : null);
    }

    /// <summary>The run's finished steps.</summary>
    public async Task<IReadOnlyList<FlowRunStepView>> ListStepsAsync(string runId, CancellationToken cancellationToken) =>
        [.. (await runs.ListStepsAsync(runId, cancellationToken).ConfigureAwait(false)).Select(FlowRunStepView.From)];

    /// <summary>A page of runs in scope, newest first.</summary>
    public async Task<FlowRunPage> ListRunsAsync(string? flowId, string? status, DateTimeOffset? from, DateTimeOffset? to, string? after, int? limit, CancellationToken cancellationToken)
    {
        FlowRunStatus? parsed = null;
        if (!string.IsNullOrEmpty(status))
        {
            parsed = Enum.TryParse<FlowRunStatus>(status, ignoreCase: true, out var s) && !int.TryParse(status, out _)
                ? s
                : throw FastnException.Validation($"The status '{status}' is not known; use one of {string.Join(", ", Enum.GetNames<FlowRunStatus>().Select(n => n.ToLowerInvariant()))}.", "status");
        }

        var size = limit ?? 50;
        if (size is < 1 or > MaxPage)
        {
            throw FastnException.Validation($"limit is between 1 and {MaxPage}.", "limit");
        }

        if (after is not null && !RowIds.IsWellFormed(after))
        {
            throw FastnException.Validation("after is a run id from the previous page (run_…).", "after");
        }

        var page = await runs.ListPageAsync(flowId, parsed, from, to, after, size, cancellationToken).ConfigureAwait(false);
        return new FlowRunPage([.. page.Select(r => FlowRunView.From(r, null))], page.Count == size ? page[^1].Id : null);
    }

    /// <summary>Runs the run again as a new run: from the start, or from its failed step (earlier steps' results are kept).</summary>
    public async Task<FlowRunView> RerunAsync(TenantInfo tenant, string runId, bool fromFailedStep, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var old = await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw RunNotFound(runId);
        if (fromFailedStep && old.Status != FlowRunStatus.Failed)
        {
            throw FastnException.Conflict($"The run is {FlowRunView.StatusName(old.Status)}, not failed; re-run it from the start instead.");
        }

        var run = new FlowRun
        {
            Id = ids.NewId("run"),
            WorkspaceId = old.WorkspaceId,
            TenantId = old.TenantId,
            FlowId = old.FlowId,
            FlowVersion = old.FlowVersion,
            Definition = old.Definition,
            IsTest = old.IsTest,
            StartedBy = "rerun",
            Trigger = old.Trigger,
            RerunOf = old.Id,
            Status = FlowRunStatus.Queued,
            CreatedAt = time.GetUtcNow(),
        };
        // Created with its kept steps at once: the recovery sweep starts queued runs, and one started before the copy
        // would run the kept steps again and collide with the copy.
        if (fromFailedStep)
        {
            await runs.CreateRerunAsync(run, old.Id, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await runs.CreateAsync(run, cancellationToken).ConfigureAwait(false);
        }

        await grains.GetGrain<IFlowRunGrain>(run.Id).StartAsync(run.WorkspaceId, run.TenantId).ConfigureAwait(false);
        return FlowRunView.From(run, null);
    }

    /// <summary>Cancels a run that has not ended.</summary>
    public async Task<FlowRunView> CancelAsync(string runId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var run = await runs.UpdateAsync(runId, r =>
        {
            if (r.Status is FlowRunStatus.Succeeded or FlowRunStatus.Failed or FlowRunStatus.Cancelled)
            {
                return false;
            }

            r.Status = FlowRunStatus.Cancelled;
            r.StatusReason = "Cancelled by a user.";
            r.FinishedAt = now;
            r.WakeAt = null;
            return true;
        }, cancellationToken).ConfigureAwait(false) ?? throw RunNotFound(runId);
        await grains.GetGrain<IFlowRunGrain>(runId).CancelAsync().ConfigureAwait(false);
        return FlowRunView.From(run, null);
    }

    /// <summary>Resumes a paused run (after its connection was reconnected) from the step it paused at.</summary>
    public async Task<FlowRunView> ResumeAsync(string runId, CancellationToken cancellationToken)
    {
        var run = await runs.UpdateAsync(runId, r =>
        {
            if (r.Status != FlowRunStatus.Paused)
            {
                return false;
            }

            r.Status = FlowRunStatus.Queued;
            r.StatusReason = null;
            return true;
        }, cancellationToken).ConfigureAwait(false) ?? throw RunNotFound(runId);
        if (run.Status != FlowRunStatus.Queued)
        {
            throw FastnException.Conflict($"Only a paused run can be resumed; this one is {FlowRunView.StatusName(run.Status)}.");
        }

        await grains.GetGrain<IFlowRunGrain>(runId).StartAsync(run.WorkspaceId, run.TenantId).ConfigureAwait(false);
        return FlowRunView.From(run, null);
    }

    /// <summary>What a flow step can use for the tenant: its connections, their connectors, actions and triggers.</summary>
    public async Task<StepPickerView> StepPickerAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var list = new List<StepPickerConnection>();
        foreach (var c in await connections.ListAsync(tenant.TenantId, null, cancellationToken).ConfigureAwait(false))
        {
            if (registry.Find(c.Connector)?.Definition is not { } d)
            {
                continue;
            }

            list.Add(new StepPickerConnection(c.Id, c.DisplayName, c.Status.ToString(), c.StatusReason, new StepPickerConnector(d.Name, d.DisplayName, d.Description,
                [.. d.Actions.Select(a => new StepPickerAction(a.Name, a.DisplayTitle, a.Description, a.Hints.ReadOnly, a.Hints.Destructive, a.InputSchema, a.OutputSchema))],
                [.. d.Triggers.Select(t => new StepPickerTrigger(t.Name, Label(t.Name), t.Description, t.Kind.ToString().ToLowerInvariant()))])));
        }

        return new StepPickerView(tenant.TenantId, list);
    }

    // Fires a due schedule once (another node that moved it first wins) and plans the next occurrence.
    internal async Task<bool> FireScheduleAsync(StoredFlow flow, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (flow.PublishedVersion is not { } version || flow.NextRunAt is not { } due)
        {
            return false;
        }

        var definition = await PublishedDefinitions.GetAsync(flows, flow.Id, version, cancellationToken).ConfigureAwait(false) ?? FlowJson.Parse(flow.Draft);
        if (definition.Trigger is not ScheduleTrigger schedule)
        {
            await flows.AdvanceScheduleAsync(flow.Id, due, null, cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (!await flows.AdvanceScheduleAsync(flow.Id, due, NextOccurrence(schedule, now), cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var trigger = new JsonObject
        {
            ["type"] = "schedule",
            ["payload"] = new JsonObject { ["scheduledFor"] = due.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
            ["tenantId"] = schedule.Tenant,
            ["source"] = "schedule",
        };
        await CreateRunAsync(new TenantInfo(flow.WorkspaceId, schedule.Tenant), flow, false, trigger, "schedule", null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    internal static JsonObject TriggerOf(PlatformEvent evt) => new()
    {
        ["type"] = evt.Type,
        ["payload"] = Parse(evt.Data),
        ["eventId"] = evt.Id,
        ["tenantId"] = evt.TenantId,
        ["connectionId"] = evt.ConnectionId,
        ["occurredAt"] = (evt.OccurredAt ?? evt.CreatedAt).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["source"] = evt.Source,
    };

    private static JsonNode? Parse(string data)
    {
        try
        {
            return JsonNode.Parse(data);
        }
        catch (System.Text.Json.JsonException)
        {
            return data;
        }
    }

    private async Task<FlowRunView> CreateRunAsync(TenantInfo tenant, StoredFlow flow, bool draft, JsonObject trigger, string startedBy, string? eventId, CancellationToken cancellationToken)
    {
        if (!draft && flow.PublishedVersion is null)
        {
            throw FastnException.Conflict("The flow has never been published; publish it, or run the draft as a test (draft: true).");
        }

        if (draft)
        {
            // A draft saved before a connector changed may no longer be valid: say so before running.
            Checked(JsonNode.Parse(flow.Draft));
        }

        var run = new FlowRun
        {
            Id = ids.NewId("run"),
            WorkspaceId = tenant.WorkspaceId,
            TenantId = tenant.TenantId,
            FlowId = flow.Id,
            FlowVersion = draft ? 0 : flow.PublishedVersion!.Value,
            Definition = draft ? flow.Draft : null,
            IsTest = draft || startedBy == "test",
            StartedBy = startedBy,
            Trigger = trigger.ToJsonString(),
            EventId = eventId,
            Status = FlowRunStatus.Queued,
            CreatedAt = time.GetUtcNow(),
        };
        await runs.CreateAsync(run, cancellationToken).ConfigureAwait(false);
        await grains.GetGrain<IFlowRunGrain>(run.Id).StartAsync(run.WorkspaceId, run.TenantId).ConfigureAwait(false);
        return FlowRunView.From(run, null);
    }

    private FlowDefinition Checked(JsonNode? document)
    {
        FlowDefinition definition;
        try
        {
            definition = FlowJson.Parse(document);
        }
        catch (FlowDefinitionException ex)
        {
            throw Invalid(ex.Problems);
        }

        var problems = FlowValidator.Validate(definition, catalog.Context());
        return problems.Count == 0 ? definition : throw Invalid(problems);
    }

    private static FastnException Invalid(IReadOnlyList<FlowProblem> problems)
    {
        var ex = FastnException.Validation(problems.Count == 1
            ? $"The flow definition is not valid at {problems[0].Path}: {problems[0].Message}"
            : $"The flow definition has {problems.Count} problems; each is listed in 'errors' with its path.", problems[0].Path);
        ex.Extensions["errors"] = problems.Select(p => new { path = p.Path, message = p.Message }).ToArray();
        return ex;
    }

    private async Task<StoredFlow> RequireAsync(string id, CancellationToken cancellationToken)
    {
        if (!RowIds.IsWellFormed(id))
        {
            throw NotFound(id);
        }

        return await flows.GetAsync(id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(id);
    }

    private async Task<FlowView> ViewAsync(StoredFlow flow, CancellationToken cancellationToken)
    {
        var draft = JsonNode.Parse(flow.Draft)!.AsObject();
        var changed = true;
        if (flow.PublishedVersion is { } v && await flows.GetVersionAsync(flow.Id, v, cancellationToken).ConfigureAwait(false) is { } published)
        {
            changed = published.Definition != flow.Draft;
        }

        return new FlowView(flow.Id, flow.Name, draft["description"]?.ToString(), draft, flow.PublishedVersion, flow.Enabled, flow.TriggerKind, changed,
            flow.NextRunAt, flow.Version, flow.CreatedAt, flow.UpdatedAt);
    }

    private static DateTimeOffset? NextOccurrence(ScheduleTrigger schedule, DateTimeOffset after)
    {
        var cron = RegistryFlowCatalog.ParseCron(schedule.Cron, out _);
        var zone = RegistryFlowCatalog.TimeZoneOf(schedule.TimeZone, out _);
        return cron is null || zone is null ? null : cron.GetNextOccurrence(after, zone);
    }

    private static string KindOf(FlowTrigger trigger) => trigger switch
    {
        EventTrigger => "event",
        ScheduleTrigger => "schedule",
        HttpTrigger => "http",
        _ => "manual",
    };

    private static string Label(string name) => string.Join(' ', name.Split('_', StringSplitOptions.RemoveEmptyEntries)
        .Select((w, i) => i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w));

    private static FastnException NotFound(string id) =>
        FastnException.NotFound($"There is no flow {ProblemText.Quote(id)} in this workspace. List the workspace's flows to find the right id.");

    private static FastnException RunNotFound(string id) =>
        FastnException.NotFound($"There is no run {ProblemText.Quote(id)} for this tenant. List the tenant's runs to find the right id.");
}

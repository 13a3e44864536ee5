using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Engine.Connections;
using Fastn.Engine.Errors;
using Fastn.Engine.Execution;
using Fastn.Engine.Registry;
using Fastn.Flows;
using Fastn.Flows.Steps;
using Fastn.Storage;
using Fastn.Storage.Flows;
using Fastn.Storage.Writing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Flows;

/// <summary>
/// Runs one flow run as a replay over its stored steps: a step with a stored result is not run again, so a run that
/// resumes (after a delay, a pause, or its node's death) continues from the last finished step. Each finished step
/// is committed before the next one starts. Action steps go through the one <see cref="ActionExecutor"/> with the
/// run's workspace and tenant and the idempotency key <c>runId:stepPath</c>.
/// </summary>
public sealed class FlowRunner(
    IServiceScopeFactory scopes,
    ActionExecutor executor,
    ConnectorRegistry registry,
    FlowTemplates templates,
    GroupCommitWriter<FlowRunStep> stepWriter,
    FlowRunSignals signals,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    IOptions<FlowEngineOptions> options,
    ILogger<FlowRunner> logger)
{
    /// <summary>Runs (or resumes) the run until it ends, parks or pauses. Does nothing when it is not runnable now.</summary>
    public async Task RunAsync(string runId, string workspaceId, string tenantId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(workspaceId, tenantId);
        var store = scope.ServiceProvider.GetRequiredService<FlowRunStore>();
        var run = await store.GetAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return;
        }

        FlowDefinition definition;
        try
        {
            definition = await DefinitionOfAsync(scope.ServiceProvider, run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Fastn.Flows.Validation.FlowDefinitionException or InvalidOperationException)
        {
            await FinishAsync(store, run.Id, FlowRunStatus.Failed, null, Error("fastn:flow-definition", ErrorCategory.Internal, ex.Message, null), null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await ClaimAsync(store, run, definition, cancellationToken).ConfigureAwait(false) is not { } claimed)
        {
            return;
        }

        run = claimed;
        signals.Changed(runId);
        var completed = (await store.ListStepsAsync(runId, cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.Path, StringComparer.Ordinal);
        var state = new RunState(run, definition, completed, scope.ServiceProvider.GetRequiredService<ConnectionService>());

        var o = options.Value;
        var cts = signals.Register(runId, lifetime.ApplicationStopping);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cts.Token, cancellationToken);
        timeout.CancelAfter(definition.Options?.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : o.RunTimeout);
        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = HeartbeatAsync(runId, workspaceId, tenantId, heartbeatStop.Token);
        try
        {
            var topScope = state.Scope(state.TopSteps, null, null, null);
            var last = await ExecuteBlockAsync(state, definition.Steps, "", topScope, state.TopSteps, timeout.Token).ConfigureAwait(false);
            var output = definition.Output is { } template ? templates.Render(template, topScope, "$.output", timeout.Token) : last;
            await FinishAsync(store, runId, FlowRunStatus.Succeeded, null, null, output, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RunStoppedException stop)
        {
            await FinishAsync(store, runId, stop.Error ? FlowRunStatus.Failed : FlowRunStatus.Succeeded, stop.Error ? stop.Message : null,
                stop.Error ? Error("fastn:flow-stopped", ErrorCategory.Validation, stop.Message, null) : null, stop.Output, CancellationToken.None).ConfigureAwait(false);
        }
        catch (StepFailedException failed)
        {
            await FinishAsync(store, runId, FlowRunStatus.Failed, $"The step '{failed.StepPath}' failed: {failed.Message}", failed.Error, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RunParkedException parked)
        {
            await store.UpdateAsync(runId, r =>
            {
                if (r.Status != FlowRunStatus.Running)
                {
                    return false;
                }

                r.Status = FlowRunStatus.Waiting;
                r.StatusReason = parked.Message;
                r.WakeAt = parked.WakeAt;
                r.WaitingStep = parked.StepPath;
                r.WaitingAttempts = parked.Attempts;
                return true;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RunPausedException paused)
        {
            await store.UpdateAsync(runId, r =>
            {
                if (r.Status != FlowRunStatus.Running)
                {
                    return false;
                }

                r.Status = FlowRunStatus.Paused;
                r.StatusReason = paused.Message;
                return true;
            }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The node is stopping: leave the run Running; its heartbeat goes stale and the sweep resumes it.
            logger.LogInformation("Run {Run} interrupted by shutdown; it resumes from its last finished step", runId);
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            await FinishAsync(store, runId, FlowRunStatus.Cancelled, "Cancelled by a user.", null, null, CancellationToken.None, alsoFrom: FlowRunStatus.Cancelled).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var limit = definition.Options?.TimeoutSeconds is { } s ? TimeSpan.FromSeconds(s) : o.RunTimeout;
            await FinishAsync(store, runId, FlowRunStatus.Failed, $"The run took longer than its time limit ({limit}).",
                Error("fastn:flow-timeout", ErrorCategory.Cancelled, $"The run took longer than its time limit ({limit}); raise options.timeoutSeconds or split the flow.", null), null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Run {Run} failed inside the engine", runId);
            await FinishAsync(store, runId, FlowRunStatus.Failed, "The engine failed while running this run; see the server log.",
                Error("fastn:internal", ErrorCategory.Internal, "The engine failed while running this run; see the server log.", null), null, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await heartbeatStop.CancelAsync().ConfigureAwait(false);
            await heartbeat.ConfigureAwait(false);
            signals.Unregister(runId, cts);
            signals.Changed(runId);
        }
    }

    // Moves the run to Running if it is runnable now and (for a queued run) the flow's concurrency limit allows;
    // returns the run as claimed, or null.
    private async Task<FlowRun?> ClaimAsync(FlowRunStore store, FlowRun run, FlowDefinition definition, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (run.Status is FlowRunStatus.Queued && definition.Options?.MaxConcurrentRuns is { } max)
        {
            if (await store.ClaimWithinLimitAsync(run.Id, run.FlowId, max, cancellationToken).ConfigureAwait(false))
            {
                return await store.GetAsync(run.Id, cancellationToken).ConfigureAwait(false);
            }

            // No slot: the sweep tries again in a second (a run that ends also frees one).
            await store.UpdateAsync(run.Id, r =>
            {
                r.WakeAt = now + TimeSpan.FromSeconds(1);
                r.StatusReason = $"Queued: {max} runs of this flow are running (options.maxConcurrentRuns).";
                return r.Status == FlowRunStatus.Queued;
            }, cancellationToken).ConfigureAwait(false);
            return null;
        }

        try
        {
            var claimed = false;
            var updated = await store.UpdateAsync(run.Id, r =>
            {
                var runnable = r.Status switch
                {
                    FlowRunStatus.Queued => true,
                    FlowRunStatus.Waiting => r.WakeAt is null || r.WakeAt <= now,
                    // Running with a stale heartbeat: its node died. A fresh one is someone else's.
                    FlowRunStatus.Running => r.HeartbeatAt is null || r.HeartbeatAt < now - options.Value.StaleAfter,
                    _ => false,
                };
                if (!runnable)
                {
                    return false;
                }

                r.Status = FlowRunStatus.Running;
                r.StatusReason = null;
                r.StartedAt ??= now;
                r.HeartbeatAt = now;
                claimed = true;
                return true;
            }, cancellationToken).ConfigureAwait(false);
            return claimed ? updated : null;
        }
        catch (ConcurrencyConflictException)
        {
            return null;
        }
    }

    private async Task HeartbeatAsync(string runId, string workspaceId, string tenantId, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(options.Value.HeartbeatInterval, time, stop).ConfigureAwait(false);
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantScope>().Set(workspaceId, tenantId);
                await scope.ServiceProvider.GetRequiredService<FlowRunStore>().HeartbeatAsync(runId, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Heartbeat of run {Run} failed", runId);
        }
    }

    private async Task FinishAsync(FlowRunStore store, string runId, FlowRunStatus status, string? reason, JsonObject? error, JsonNode? output,
        CancellationToken cancellationToken, FlowRunStatus? alsoFrom = null)
    {
        var now = time.GetUtcNow();
        string? outputJson = null;
        if (output is not null)
        {
            outputJson = output.ToJsonString();
            if (Encoding.UTF8.GetByteCount(outputJson) > options.Value.MaxStepOutputBytes)
            {
                status = FlowRunStatus.Failed;
                error = Error("fastn:output-too-large", ErrorCategory.TooLarge, $"The run's output is larger than {options.Value.MaxStepOutputBytes} bytes (Fastn:Flows:MaxStepOutputBytes).", "$.output");
                reason = error["message"]!.ToString();
                outputJson = null;
            }
        }

        await store.UpdateAsync(runId, r =>
        {
            if (r.Status != FlowRunStatus.Running && r.Status != alsoFrom)
            {
                return false;
            }

            r.Status = status;
            r.StatusReason = reason;
            r.Error = error?.ToJsonString();
            r.Output = outputJson;
            r.FinishedAt = now;
            r.WakeAt = null;
            r.WaitingStep = null;
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<FlowDefinition> DefinitionOfAsync(IServiceProvider services, FlowRun run, CancellationToken cancellationToken)
    {
        if (run.FlowVersion == 0)
        {
            return FlowJson.Parse(run.Definition ?? throw new InvalidOperationException("The test run has no definition stored."));
        }

        return await PublishedDefinitions.GetAsync(services.GetRequiredService<FlowStore>(), run.FlowId, run.FlowVersion, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Version {run.FlowVersion} of the flow no longer exists.");
    }

    private async Task<JsonNode?> ExecuteBlockAsync(RunState state, IReadOnlyList<FlowStep> steps, string prefix, TemplateScope scope,
        ConcurrentDictionary<string, JsonNode?> local, CancellationToken cancellationToken)
    {
        JsonNode? last = null;
        foreach (var step in steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            last = await ExecuteStepAsync(state, step, prefix + step.Id, scope, cancellationToken).ConfigureAwait(false);
            local[step.Id] = last;
        }

        return last;
    }

    private async Task<JsonNode?> ExecuteStepAsync(RunState state, FlowStep step, string path, TemplateScope scope, CancellationToken cancellationToken)
    {
        if (state.Completed.TryGetValue(path, out var done) && step is not ConditionStep)
        {
            return done.Output is null ? null : JsonNode.Parse(done.Output);
        }

        var started = time.GetUtcNow();
        switch (step)
        {
            case TransformStep t:
            {
                var value = Guard(path, () => templates.Render(t.Value, scope, $"{path}.value", cancellationToken));
                await RecordAsync(state, step, path, "succeeded", null, value, null, null, started, 1, cancellationToken).ConfigureAwait(false);
                return value;
            }

            case ConditionStep c:
            {
                string branch;
                if (done?.Output is { } decided)
                {
                    branch = JsonNode.Parse(decided)?["branch"]?.ToString() ?? "else";
                }
                else
                {
                    branch = Guard(path, () => templates.IsTruthy(c.If, scope, $"{path}.if", cancellationToken)) ? "then" : "else";
                    await RecordAsync(state, step, path, "succeeded", null, new JsonObject { ["branch"] = branch }, null, null, started, 1, cancellationToken).ConfigureAwait(false);
                }

                var local = new ConcurrentDictionary<string, JsonNode?>(StringComparer.Ordinal);
                var inner = state.Scope(local, scope, scope.Item, scope.Index);
                return await ExecuteBlockAsync(state, branch == "then" ? c.Then : c.Else, prefix: path + "." + branch + ".", inner, local, cancellationToken).ConfigureAwait(false);
            }

            case ForEachStep f:
                return await ForEachAsync(state, f, path, scope, started, cancellationToken).ConfigureAwait(false);

            case DelayStep d:
            {
                var now = time.GetUtcNow();
                DateTimeOffset wake;
                if (state.Run.WaitingStep == path && state.Run.WakeAt is { } planned)
                {
                    wake = planned;
                }
                else
                {
                    wake = Guard(path, () => WakeTime(d, scope, path, now, cancellationToken));
                }

                if (wake > now)
                {
                    throw new RunParkedException(wake, path, 0, $"Waiting until {wake.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)} (delay '{d.Id}').");
                }

                await RecordAsync(state, step, path, "succeeded", null, new JsonObject { ["waitedUntil"] = wake.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
                    null, null, started, 1, cancellationToken).ConfigureAwait(false);
                return null;
            }

            case StopStep s:
            {
                var message = s.Message is null ? null : Guard(path, () => templates.Render(JsonValue.Create(s.Message), scope, $"{path}.message", cancellationToken))?.ToString();
                var output = s.Output is null ? null : Guard(path, () => templates.Render(s.Output, scope, $"{path}.output", cancellationToken));
                await RecordAsync(state, step, path, "succeeded", null, new JsonObject { ["error"] = s.Error, ["message"] = message, ["output"] = output?.DeepClone() },
                    null, null, started, 1, cancellationToken).ConfigureAwait(false);
                throw new RunStoppedException(s.Error, message ?? (s.Error ? $"Stopped with an error at '{s.Id}'." : null), output);
            }

            case CdmMapStep m:
            {
                var record = Guard(path, () => templates.Render(m.Record, scope, $"{path}.record", cancellationToken));
                var mapped = Guard(path, () => MapCdm(m, record, path));
                await RecordAsync(state, step, path, "succeeded", record, mapped, null, null, started, 1, cancellationToken).ConfigureAwait(false);
                return mapped;
            }

            case ActionStep a:
                return await ActionAsync(state, a, path, scope, started, cancellationToken).ConfigureAwait(false);

            default:
                throw new InvalidOperationException($"Unknown step type {step.GetType().Name}.");
        }
    }

    private DateTimeOffset WakeTime(DelayStep d, TemplateScope scope, string path, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (d.Duration is { } duration)
        {
            var text = templates.Render(JsonValue.Create(duration), scope, $"{path}.duration", cancellationToken)?.ToString();
            return now + (FlowDurations.Parse(text, out var why) ?? throw FastnException.Validation($"The delay's duration is not valid: {why}.", $"{path}.duration"));
        }

        var until = templates.Render(JsonValue.Create(d.Until), scope, $"{path}.until", cancellationToken)?.ToString();
        return DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw FastnException.Validation($"The delay's until is '{until}', not an ISO 8601 timestamp.", $"{path}.until");
    }

    private JsonNode? MapCdm(CdmMapStep m, JsonNode? record, string path)
    {
        if (record is not JsonObject native)
        {
            throw FastnException.Validation($"The record to map is {(record is null ? "null" : record.GetValueKind().ToString().ToLowerInvariant())}, not a JSON object.", $"{path}.record");
        }

        var from = Entity(m.From, $"{path}.from");
        var cdm = from.ToCdm(native);
        if (m.To is null)
        {
            return cdm;
        }

        var to = Entity(m.To, $"{path}.to");
        if (to.Cdm?.Name != from.Cdm?.Name)
        {
            throw FastnException.Validation($"'{m.From.Connector}.{m.From.Entity}' maps to {from.Cdm?.Name}, but '{m.To.Connector}.{m.To.Entity}' maps to {to.Cdm?.Name}; both must map to the same CDM entity.", path);
        }

        return to.FromCdm(cdm);
    }

    private Fastn.Connectors.Entities.EntityDefinition Entity(EntityRef reference, string path)
    {
        var connector = registry.Find(reference.Connector)
            ?? throw FastnException.Validation($"No connector '{reference.Connector}' is registered on this server.", path);
        var entity = connector.Definition.Entities.FirstOrDefault(e => e.Name == reference.Entity);
        return entity is { Cdm: not null } ? entity : throw FastnException.Validation($"The connector '{reference.Connector}' has no entity '{reference.Entity}' mapped to the CDM.", path);
    }

    private async Task<JsonNode?> ForEachAsync(RunState state, ForEachStep f, string path, TemplateScope scope, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var items = Guard(path, () => templates.Evaluate(f.Items, scope, $"{path}.items", cancellationToken));
        if (items is not JsonArray array)
        {
            throw await FailAsync(state, f, path, null, Error("fastn:validation", ErrorCategory.Validation,
                $"The forEach's items is {(items is null ? "null" : items.GetValueKind().ToString().ToLowerInvariant())}, not an array.", $"{path}.items"), started, cancellationToken).ConfigureAwait(false);
        }

        var max = options.Value.MaxForEachItems;
        if (array.Count > max)
        {
            throw await FailAsync(state, f, path, null, Error("fastn:too-many-items", ErrorCategory.TooLarge,
                $"The forEach got {array.Count} items; the limit is {max} (Fastn:Flows:MaxForEachItems). Page the items upstream or split the work into several runs.", $"{path}.items"), started, cancellationToken).ConfigureAwait(false);
        }

        var results = new JsonNode?[array.Count];
        using var failFast = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var errors = new ConcurrentQueue<Exception>();
        await Parallel.ForEachAsync(Enumerable.Range(0, array.Count), new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(f.Concurrency, 1, 50), CancellationToken = CancellationToken.None },
            async (i, _) =>
            {
                if (failFast.IsCancellationRequested)
                {
                    return;
                }

                try
                {
                    var local = new ConcurrentDictionary<string, JsonNode?>(StringComparer.Ordinal);
                    var inner = state.Scope(local, scope, array[i], i);
                    results[i] = await ExecuteBlockAsync(state, f.Steps, $"{path}[{i}].", inner, local, failFast.Token).ConfigureAwait(false);
                }
                catch (RunParkedException parked)
                {
                    // Other iterations carry on to their own waits or ends; the run parks until the earliest.
                    errors.Enqueue(parked);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !failFast.IsCancellationRequested)
                {
                    errors.Enqueue(ex);
                    await failFast.CancelAsync().ConfigureAwait(false);
                }
            }).ConfigureAwait(false);

        cancellationToken.ThrowIfCancellationRequested();
        if (errors.FirstOrDefault(e => e is not RunParkedException) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }

        if (errors.OfType<RunParkedException>().MinBy(p => p.WakeAt) is { } earliest)
        {
            throw earliest;
        }

        var output = new JsonArray([.. results.Select(r => r?.DeepClone())]);
        await RecordAsync(state, f, path, "succeeded", null, output, null, null, started, 1, cancellationToken).ConfigureAwait(false);
        return output;
    }

    private async Task<JsonNode?> ActionAsync(RunState state, ActionStep a, string path, TemplateScope scope, DateTimeOffset started, CancellationToken cancellationToken)
    {
        var input = Guard(path, () => templates.Render(a.Input ?? [], scope, $"{path}.input", cancellationToken));
        var connectionId = await ConnectionOfAsync(state, a, path, input, started, cancellationToken).ConfigureAwait(false);
        var retry = a.Retry;
        var categories = retry is null ? [ErrorCategory.RateLimited.Name()] : retry.On.Count > 0 ? retry.On : StepRetry.TransientCategories;
        var attempts = retry?.Attempts ?? 3;
        var attempt = state.Run.WaitingStep == path ? state.Run.WaitingAttempts : 0;
        while (true)
        {
            attempt++;
            using var stepTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (a.TimeoutSeconds is { } seconds)
            {
                stepTimeout.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            try
            {
                var result = await executor.ExecuteAsync(new ActionCallRequest(state.Tenant, connectionId, a.Action, input, ActionCaller.Flow)
                {
                    IdempotencyKey = $"{state.Run.Id}:{path}",
                }, stepTimeout.Token).ConfigureAwait(false);
                var output = result.Redactor is { } redactor ? redactor.Redact(result.Output) : result.Output;
                await RecordAsync(state, a, path, "succeeded", Annotated(input, connectionId), output, null, result.CallId, started, attempt, cancellationToken).ConfigureAwait(false);
                return output;
            }
            catch (OperationCanceledException) when (stepTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw await FailAsync(state, a, path, Annotated(input, connectionId), Error("fastn:step-timeout", ErrorCategory.Cancelled,
                    $"The action took longer than the step's timeoutSeconds ({a.TimeoutSeconds} s).", null), started, cancellationToken, attempt).ConfigureAwait(false);
            }
            catch (FastnException ex)
            {
                if (ex.Category is ErrorCategory.AuthRequired)
                {
                    throw new RunPausedException($"The connection {connectionId} needs to be connected again ({ex.Message}). Reconnect it, then resume the run.");
                }

                if (attempt < attempts && categories.Contains(ex.Category.Name(), StringComparer.Ordinal))
                {
                    var wait = TimeSpan.FromSeconds((retry?.DelaySeconds ?? 1) * Math.Pow(2, attempt - 1));
                    if (ex.RetryAfter is { } after && after > wait)
                    {
                        wait = after;
                    }

                    if (wait > options.Value.MaxInMemoryWait)
                    {
                        throw new RunParkedException(time.GetUtcNow() + wait, path, attempt, $"Retrying '{a.Id}' after {wait} (attempt {attempt} of {attempts} failed: {ex.Message}).");
                    }

                    logger.LogInformation("Step {Step} of run {Run} failed ({Category}); retrying in {Wait}", path, state.Run.Id, ex.Category.Name(), wait);
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                throw await FailAsync(state, a, path, Annotated(input, connectionId), Error(ex.Code, ex.Category, ex.Message, ex.Path), started, cancellationToken, attempt).ConfigureAwait(false);
            }
        }
    }

    private static JsonNode? Annotated(JsonNode? input, string connectionId) => new JsonObject { ["connectionId"] = connectionId, ["input"] = input?.DeepClone() };

    // The step's connection: the fixed one (which must be of the step's connector), or the run's tenant's oldest
    // active connection to the connector.
    private async Task<string> ConnectionOfAsync(RunState state, ActionStep a, string path, JsonNode? input, DateTimeOffset started, CancellationToken cancellationToken)
    {
        if (a.Connection is { } fixedId)
        {
            ConnectionView connection;
            try
            {
                connection = await state.Connections.GetOwnedAsync(state.Tenant, fixedId, cancellationToken).ConfigureAwait(false);
            }
            catch (FastnException ex) when (ex.Category == ErrorCategory.NotFound)
            {
                throw await FailAsync(state, a, path, input, Error("fastn:connection-not-found", ErrorCategory.NotFound,
                    $"The connection '{fixedId}' does not exist for tenant '{state.Tenant.TenantId}' (was it deleted?). Point the step at another connection, or leave 'connection' out to use the tenant's connection to {a.Connector}.", $"{path}.connection"),
                    started, cancellationToken).ConfigureAwait(false);
            }

            if (connection.Connector != a.Connector)
            {
                throw await FailAsync(state, a, path, input, Error("fastn:validation", ErrorCategory.Validation,
                    $"The connection '{fixedId}' is a {connection.Connector} connection, but the step calls {a.Connector}.", $"{path}.connection"), started, cancellationToken).ConfigureAwait(false);
            }

            return fixedId;
        }

        var candidates = await state.Connections.ListAsync(state.Tenant.TenantId, a.Connector, cancellationToken).ConfigureAwait(false);
        if (candidates.FirstOrDefault(c => c.Status == ConnectionState.Active) is { } active)
        {
            return active.Id;
        }

        if (candidates.FirstOrDefault(c => c.Status == ConnectionState.NeedsReauth) is { } stale)
        {
            throw new RunPausedException($"The tenant's {a.Connector} connection {stale.Id} needs to be connected again. Reconnect it, then resume the run.");
        }

        throw await FailAsync(state, a, path, input, Error("fastn:connection-not-found", ErrorCategory.NotFound,
            $"The tenant '{state.Tenant.TenantId}' has no active {a.Connector} connection. Connect {a.Connector} for this tenant, then re-run from the failed step.", $"{path}.connection"),
            started, cancellationToken).ConfigureAwait(false);
    }

    // Evaluates templates; a failing template fails its step (with the path) instead of the engine.
    private static T Guard<T>(string path, Func<T> evaluate)
    {
        try
        {
            return evaluate();
        }
        catch (FastnException ex)
        {
            throw new StepFailedException(path, Error(ex.Code, ex.Category, ex.Message, ex.Path));
        }
    }

    private async Task<StepFailedException> FailAsync(RunState state, FlowStep step, string path, JsonNode? input, JsonObject error, DateTimeOffset started,
        CancellationToken cancellationToken, int attempts = 1)
    {
        await RecordAsync(state, step, path, "failed", input, null, error, null, started, attempts, cancellationToken).ConfigureAwait(false);
        return new StepFailedException(path, error);
    }

    private async Task RecordAsync(RunState state, FlowStep step, string path, string status, JsonNode? input, JsonNode? output, JsonObject? error, string? callId,
        DateTimeOffset started, int attempts, CancellationToken cancellationToken)
    {
        var outputJson = output?.ToJsonString();
        var limit = options.Value.MaxStepOutputBytes;
        if (outputJson is not null && Encoding.UTF8.GetByteCount(outputJson) > limit)
        {
            error = Error("fastn:output-too-large", ErrorCategory.TooLarge,
                $"The step's output is {Encoding.UTF8.GetByteCount(outputJson)} bytes, over the limit of {limit} (Fastn:Flows:MaxStepOutputBytes). Ask the app for less (fields, page size), or raise the limit.", null);
            status = "failed";
            outputJson = null;
        }

        var row = new FlowRunStep
        {
            RunId = state.Run.Id,
            Path = path,
            WorkspaceId = state.Run.WorkspaceId,
            TenantId = state.Run.TenantId,
            StepId = step.Id,
            Kind = KindOf(step),
            Status = status,
            Attempts = attempts,
            Input = Truncate(input?.ToJsonString(), limit),
            Output = outputJson,
            Error = error?.ToJsonString(),
            CallId = callId,
            StartedAt = started,
            FinishedAt = time.GetUtcNow(),
            Sequence = state.NextSequence(),
        };
        await stepWriter.WriteAsync(row, cancellationToken).ConfigureAwait(false);
        state.Completed[path] = row;
        signals.Changed(state.Run.Id);
        if (status == "failed" && error is not null && output is not null)
        {
            throw new StepFailedException(path, error);
        }
    }

    private static string? Truncate(string? json, int limit) =>
        json is null || json.Length <= limit ? json : JsonSerializer.Serialize(new { truncated = true, bytes = Encoding.UTF8.GetByteCount(json) });

    internal static string KindOf(FlowStep step) => step switch
    {
        ActionStep => "action",
        CdmMapStep => "cdmMap",
        ConditionStep => "condition",
        ForEachStep => "forEach",
        DelayStep => "delay",
        TransformStep => "transform",
        StopStep => "stop",
        _ => "unknown",
    };

    internal static JsonObject Error(string code, ErrorCategory category, string message, string? path) => new()
    {
        ["code"] = code,
        ["category"] = category.Name(),
        ["message"] = message,
        ["path"] = path,
    };

    private sealed class RunState(FlowRun run, FlowDefinition definition, Dictionary<string, FlowRunStep> completed, ConnectionService connections)
    {
        private long _sequence = completed.Count == 0 ? 0 : completed.Values.Max(s => s.Sequence);

        public FlowRun Run { get; } = run;

        public FlowDefinition Definition { get; } = definition;

        public ConcurrentDictionary<string, FlowRunStep> Completed { get; } = new(completed, StringComparer.Ordinal);

        public ConnectionService Connections { get; } = connections;

        public TenantInfo Tenant { get; } = new(run.WorkspaceId, run.TenantId);

        public ConcurrentDictionary<string, JsonNode?> TopSteps { get; } = new(StringComparer.Ordinal);

        private readonly JsonObject _trigger = JsonNode.Parse(run.Trigger) as JsonObject ?? [];

        private readonly JsonObject _run = new()
        {
            ["id"] = run.Id,
            ["flowId"] = run.FlowId,
            ["flowVersion"] = run.FlowVersion,
            ["tenantId"] = run.TenantId,
            ["startedAt"] = (run.StartedAt ?? run.CreatedAt).UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };

        public long NextSequence() => Interlocked.Increment(ref _sequence);

        public TemplateScope Scope(ConcurrentDictionary<string, JsonNode?> steps, TemplateScope? outer, JsonNode? item, int? index) =>
            new(_trigger, _run, steps, outer, item, index);
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Engine.Errors;
using Fastn.Engine.Flows;
using Fastn.Server.Errors;
using Fastn.Server.OpenApi;
using Fastn.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/flows</c> and <c>/api/v1/runs</c>: flow definitions, versions, runs, test runs and history.</summary>
public static class FlowsApi
{
    /// <summary>How to re-run a run.</summary>
    /// <param name="From"><c>start</c> (default) or <c>failed</c>: keep the steps that succeeded and run again from the failed one.</param>
    public sealed record RerunBody(string? From);

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapFlowsApi(this RouteGroupBuilder api)
    {
        var flows = api.MapGroup("/flows").WithTags("Flows");

        flows.MapPost("/", async (HttpContext http, FlowService service, JsonNode? definition, CancellationToken ct) =>
        {
            var caller = WorkspaceCaller(http);
            var created = await service.CreateAsync(caller.WorkspaceId, definition, ct);
            return TypedResults.Created($"/api/v1/flows/{created.Id}", created);
        }).ProducesProblems(StatusCodes.Status409Conflict).WithName("CreateFlow").WithSummary("Create a flow from a definition (its draft); every problem is listed with its path");

        flows.MapPost("/validate", (HttpContext http, FlowService service, JsonNode? definition) =>
        {
            _ = CallerContext.Of(http);
            return TypedResults.Ok(service.Validate(definition));
        }).WithName("ValidateFlow").WithSummary("Check a definition without saving it");

        flows.MapPost("/deploy", async (HttpContext http, FlowService service, JsonNode? definition, CancellationToken ct) =>
            TypedResults.Ok(await service.DeployAsync(WorkspaceCaller(http).WorkspaceId, definition, ct)))
            .ProducesProblems(StatusCodes.Status409Conflict).WithName("DeployFlow").WithSummary("Create or update the flow of the definition's name and publish it (what `fastn flow deploy` calls)");

        flows.MapGet("/", async (HttpContext http, FlowService service, CancellationToken ct) =>
        {
            _ = CallerContext.Of(http);
            return TypedResults.Ok(await service.ListAsync(ct));
        }).WithName("ListFlows").WithSummary("List the workspace's flows");

        flows.MapGet("/step-picker", async (HttpContext http, FlowService service, CancellationToken ct) =>
            TypedResults.Ok(await service.StepPickerAsync(CallerContext.Of(http).RequireTenant(), ct)))
            .WithName("GetStepPicker").WithSummary("What a step can use for the tenant: its connections, then their connectors, then actions and triggers with schemas");

        flows.MapGet("/{id}", async (HttpContext http, FlowService service, string id, CancellationToken ct) =>
        {
            _ = CallerContext.Of(http);
            return TypedResults.Ok(await service.GetAsync(id, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("GetFlow").WithSummary("Get a flow and its draft");

        flows.MapPut("/{id}", async (HttpContext http, FlowService service, string id, long? expectedRevision, JsonNode? definition, CancellationToken ct) =>
        {
            WorkspaceCaller(http);
            return TypedResults.Ok(await service.UpdateAsync(id, definition, expectedRevision, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("UpdateFlow").WithSummary("Replace the draft; pass expectedRevision (the flow's revision) to refuse overwriting someone else's change");

        flows.MapDelete("/{id}", async (HttpContext http, FlowService service, string id, CancellationToken ct) =>
        {
            WorkspaceCaller(http);
            await service.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("DeleteFlow").WithSummary("Delete a flow with its versions and run history");

        flows.MapPost("/{id}/publish", async (HttpContext http, FlowService service, string id, CancellationToken ct) =>
        {
            WorkspaceCaller(http);
            return TypedResults.Ok(await service.PublishAsync(id, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("PublishFlow").WithSummary("Publish the draft as a new version; running runs keep their version. The first publish enables the flow");

        flows.MapPost("/{id}/enable", async (HttpContext http, FlowService service, string id, CancellationToken ct) =>
        {
            WorkspaceCaller(http);
            return TypedResults.Ok(await service.SetEnabledAsync(id, true, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("EnableFlow").WithSummary("Let the published version's trigger start runs");

        flows.MapPost("/{id}/disable", async (HttpContext http, FlowService service, string id, CancellationToken ct) =>
        {
            WorkspaceCaller(http);
            return TypedResults.Ok(await service.SetEnabledAsync(id, false, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("DisableFlow").WithSummary("Stop the trigger from starting runs (running runs finish)");

        flows.MapGet("/{id}/versions", async (HttpContext http, FlowService service, string id, CancellationToken ct) =>
        {
            _ = CallerContext.Of(http);
            return TypedResults.Ok(await service.ListVersionsAsync(id, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("ListFlowVersions").WithSummary("The published versions, newest first");

        flows.MapPost("/{id}/runs", async Task<Results<Ok<FlowRunView>, Accepted<FlowRunView>>> (HttpContext http, FlowService service, FlowRunSignals signals, TimeProvider time, string id, bool? wait, StartFlowRun? body, CancellationToken ct) =>
        {
            var run = await service.StartAsync(CallerContext.Of(http).RequireTenant(), id, body ?? new StartFlowRun(null), "manual", ct);
            return wait == true
                ? TypedResults.Ok(await WaitAsync(service, signals, time, run.Id, MaxWait, ct))
                : TypedResults.Accepted($"/api/v1/runs/{run.Id}", run);
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("StartFlowRun").WithSummary("Start a run for the tenant with a payload; wait=true answers when it ends (up to 60 s)");

        flows.MapPost("/{id}/test", async Task<Results<Ok<FlowRunView>, EmptyHttpResult>> (HttpContext http, FlowService service, FlowRunSignals signals, TimeProvider time, string id, TestFlowRun? body, CancellationToken ct) =>
        {
            var run = await service.TestAsync(CallerContext.Of(http).RequireTenant(), id, body ?? new TestFlowRun(null, null, null), ct);
            if (WantsStream(http))
            {
                await StreamAsync(http, service, signals, time, run.Id, ct);
                return TypedResults.Empty;
            }

            return TypedResults.Ok(await WaitAsync(service, signals, time, run.Id, MaxWait, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).ProducesProblems(ProblemResponses.Upstream).WithName("TestFlow")
            .WithSummary("Test-run the draft with a payload, the tenant's last real event, or a named event; with Accept: text/event-stream each step streams as it finishes");

        flows.MapPost("/{id}/invoke", async (HttpContext http, FlowService service, FlowRunSignals signals, TimeProvider time, string id, JsonNode? payload, CancellationToken ct) =>
        {
            var (run, respond) = await service.InvokeAsync(CallerContext.Of(http).RequireTenant(), id, payload, ct);
            if (!respond)
            {
                return Results.Accepted($"/api/v1/runs/{run.Id}", run);
            }

            var done = await WaitAsync(service, signals, time, run.Id, MaxWait, ct);
            return done.Status switch
            {
                "succeeded" => Results.Json(done.Output, statusCode: StatusCodes.Status200OK),
                "failed" or "cancelled" => Problems.From(new FastnException("fastn:flow-failed", ErrorCategory.Upstream, "The flow failed",
                    done.StatusReason ?? "The flow failed.") { Extensions = { ["runId"] = done.Id } }),
                _ => Results.Accepted($"/api/v1/runs/{run.Id}", done),
            };
        })
            // The flow's own output when its trigger asks for a synchronous reply; else the run, still going.
            .Produces<JsonNode>(StatusCodes.Status200OK).Produces<FlowRunView>(StatusCodes.Status202Accepted)
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status502BadGateway).WithName("InvokeFlow").WithSummary("The flow's own URL (HTTP trigger): the body is the trigger payload; answers with the flow's output when the trigger asks for a synchronous reply");

        var runs = api.MapGroup("/runs").WithTags("Flow runs");

        runs.MapGet("/", async (HttpContext http, FlowService service, string? flowId, string? status, DateTimeOffset? from, DateTimeOffset? to, string? after, int? limit, CancellationToken ct) =>
        {
            _ = CallerContext.Of(http);
            return TypedResults.Ok(await service.ListRunsAsync(flowId, status, from, to, after, limit, ct));
        }).WithName("ListFlowRuns").WithSummary("Runs, newest first, by flow, status and time (of the tenant in x-fastn-space-tenantid, or of the whole workspace)");

        runs.MapGet("/{id}", async (HttpContext http, FlowService service, string id, CancellationToken ct) =>
        {
            _ = CallerContext.Of(http);
            return TypedResults.Ok(await service.GetRunAsync(id, true, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("GetFlowRun").WithSummary("A run with every step's redacted input, output, error and timing");

        runs.MapGet("/{id}/stream", async Task<EmptyHttpResult> (HttpContext http, FlowService service, FlowRunSignals signals, TimeProvider time, string id, CancellationToken ct) =>
        {
            _ = CallerContext.Of(http);
            await service.GetRunAsync(id, false, ct);
            await StreamAsync(http, service, signals, time, id, ct);
            return TypedResults.Empty;
        }).Produces<string>(StatusCodes.Status200OK, "text/event-stream").ProducesProblems(StatusCodes.Status404NotFound).WithName("StreamFlowRun").WithSummary("Server-sent events: each step as it finishes, then the run when it ends");

        runs.MapPost("/{id}/rerun", async Task<Results<Accepted<FlowRunView>, ProblemResult>> (HttpContext http, FlowService service, string id, RerunBody? body, CancellationToken ct) =>
        {
            var from = body?.From ?? "start";
            if (from is not ("start" or "failed"))
            {
                return Problems.Validation($"from is 'start' or 'failed', not '{from}'.", "$.from");
            }

            var run = await service.RerunAsync(CallerContext.Of(http).RequireTenant(), id, from == "failed", ct);
            return TypedResults.Accepted($"/api/v1/runs/{run.Id}", run);
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("RerunFlowRun").WithSummary("Run again as a new run, from the start or from the failed step");

        runs.MapPost("/{id}/cancel", async (HttpContext http, FlowService service, string id, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireTenant();
            return TypedResults.Ok(await service.CancelAsync(id, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("CancelFlowRun").WithSummary("Cancel a run that has not ended");

        runs.MapPost("/{id}/resume", async (HttpContext http, FlowService service, string id, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireTenant();
            return TypedResults.Ok(await service.ResumeAsync(id, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("ResumeFlowRun").WithSummary("Resume a paused run (after reconnecting its connection) from the step it paused at");
        return api;
    }

    private static CallerContext WorkspaceCaller(HttpContext http)
    {
        var caller = CallerContext.Of(http);
        caller.RequireWorkspaceKey();
        return caller;
    }

    private static bool WantsStream(HttpContext http) =>
        http.Request.Headers.Accept.Any(a => a?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true);

    // Waits until the run ends, waits or pauses (or the time is up), then returns it with its steps.
    private static async Task<FlowRunView> WaitAsync(FlowService service, FlowRunSignals signals, TimeProvider time, string runId, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            var change = signals.NextChange(runId);
            var run = await service.GetRunAsync(runId, false, ct);
            if (run.IsFinished || run.Status is "waiting" or "paused" || time.GetUtcNow() >= deadline)
            {
                return await service.GetRunAsync(runId, true, ct);
            }

            await FlowRunSignals.WaitAsync(change, TimeSpan.FromMilliseconds(250), time, ct);
        }
    }

    // Server-sent events: "step" for each step as it finishes, then "run" with the run once it ends, waits or pauses.
    private static async Task StreamAsync(HttpContext http, FlowService service, FlowRunSignals signals, TimeProvider time, string runId, CancellationToken ct)
    {
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        var sent = new HashSet<string>(StringComparer.Ordinal);
        var deadline = time.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (!ct.IsCancellationRequested)
        {
            var change = signals.NextChange(runId);
            var run = await service.GetRunAsync(runId, true, ct);
            foreach (var step in run.Steps ?? [])
            {
                if (sent.Add(step.Path))
                {
                    await http.Response.WriteAsync($"event: step\ndata: {JsonSerializer.Serialize(step, json)}\n\n", ct);
                }
            }

            await http.Response.Body.FlushAsync(ct);
            if (run.IsFinished || run.Status is "waiting" or "paused" || time.GetUtcNow() >= deadline)
            {
                await http.Response.WriteAsync($"event: run\ndata: {JsonSerializer.Serialize(run with { Steps = null }, json)}\n\n", ct);
                await http.Response.Body.FlushAsync(ct);
                return;
            }

            await FlowRunSignals.WaitAsync(change, TimeSpan.FromMilliseconds(250), time, ct);
        }
    }
}

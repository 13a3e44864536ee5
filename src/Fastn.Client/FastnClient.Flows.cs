using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Client.Errors;
using Fastn.Client.Models;

namespace Fastn.Client;

public sealed partial class FastnClient
{
    // ---- Flows

    /// <summary>Checks a flow definition without saving it.</summary>
    public Task<FlowValidation> ValidateFlowAsync(JsonNode definition, CancellationToken cancellationToken = default) =>
        SendAsync<FlowValidation>(HttpMethod.Post, "flows/validate", definition ?? throw new ArgumentNullException(nameof(definition)), cancellationToken);

    /// <summary>Creates a flow from a definition (its draft); a definition with problems throws <see cref="FastnValidationException"/>.</summary>
    public Task<Flow> CreateFlowAsync(JsonNode definition, CancellationToken cancellationToken = default) =>
        SendAsync<Flow>(HttpMethod.Post, "flows", definition ?? throw new ArgumentNullException(nameof(definition)), cancellationToken);

    /// <summary>Creates or updates the flow of the definition's name and publishes it.</summary>
    public Task<Flow> DeployFlowAsync(JsonNode definition, CancellationToken cancellationToken = default) =>
        SendAsync<Flow>(HttpMethod.Post, "flows/deploy", definition ?? throw new ArgumentNullException(nameof(definition)), cancellationToken);

    /// <summary>Creates or updates the flow built in C# and publishes it.</summary>
    public Task<Flow> DeployFlowAsync(Fastn.Flows.FlowDefinition definition, CancellationToken cancellationToken = default) =>
        DeployFlowAsync(Fastn.Flows.FlowJson.ToNode(definition), cancellationToken);

    /// <summary>The workspace's flows.</summary>
    public Task<IReadOnlyList<Flow>> ListFlowsAsync(CancellationToken cancellationToken = default) =>
        SendAsync<IReadOnlyList<Flow>>(HttpMethod.Get, "flows", null, cancellationToken);

    /// <summary>One flow.</summary>
    public Task<Flow> GetFlowAsync(string flowId, CancellationToken cancellationToken = default) =>
        SendAsync<Flow>(HttpMethod.Get, "flows/" + Segment(flowId), null, cancellationToken);

    /// <summary>Replaces a flow's draft; <paramref name="expectedRevision"/> refuses overwriting someone else's change.</summary>
    public Task<Flow> UpdateFlowAsync(string flowId, JsonNode definition, long? expectedRevision = null, CancellationToken cancellationToken = default) =>
        SendAsync<Flow>(HttpMethod.Put, "flows/" + Segment(flowId) + Query(("expectedRevision", expectedRevision?.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            definition ?? throw new ArgumentNullException(nameof(definition)), cancellationToken);

    /// <summary>Publishes the draft as a new version.</summary>
    public Task<Flow> PublishFlowAsync(string flowId, CancellationToken cancellationToken = default) =>
        SendAsync<Flow>(HttpMethod.Post, "flows/" + Segment(flowId) + "/publish", null, cancellationToken);

    /// <summary>Enables or disables the flow's trigger.</summary>
    public Task<Flow> SetFlowEnabledAsync(string flowId, bool enabled, CancellationToken cancellationToken = default) =>
        SendAsync<Flow>(HttpMethod.Post, "flows/" + Segment(flowId) + (enabled ? "/enable" : "/disable"), null, cancellationToken);

    /// <summary>Deletes a flow with its versions and runs.</summary>
    public Task DeleteFlowAsync(string flowId, CancellationToken cancellationToken = default) =>
        SendAsync<JsonNode>(HttpMethod.Delete, "flows/" + Segment(flowId), null, cancellationToken);

    /// <summary>Starts a run for the client's tenant; with <paramref name="wait"/> it returns when the run ends (up to 60 s).</summary>
    public Task<FlowRun> StartFlowRunAsync(string flowId, JsonNode? payload, bool wait = false, bool draft = false, CancellationToken cancellationToken = default) =>
        SendAsync<FlowRun>(HttpMethod.Post, "flows/" + Segment(flowId) + "/runs" + (wait ? "?wait=true" : ""), new { payload, draft }, cancellationToken);

    /// <summary>Test-runs the draft with a payload (<paramref name="source"/> <c>payload</c>), the tenant's last event (<c>lastEvent</c>) or one event (<c>event</c>).</summary>
    public Task<FlowRun> TestFlowAsync(string flowId, string source, JsonNode? payload = null, string? eventId = null, CancellationToken cancellationToken = default) =>
        SendAsync<FlowRun>(HttpMethod.Post, "flows/" + Segment(flowId) + "/test", new { source, payload, eventId }, cancellationToken);

    /// <summary>A run with its steps.</summary>
    public Task<FlowRun> GetFlowRunAsync(string runId, CancellationToken cancellationToken = default) =>
        SendAsync<FlowRun>(HttpMethod.Get, "runs/" + Segment(runId), null, cancellationToken);

    /// <summary>Runs, newest first, filtered by flow and status.</summary>
    public Task<FlowRunPage> ListFlowRunsAsync(string? flowId = null, string? status = null, string? after = null, int? limit = null, CancellationToken cancellationToken = default) =>
        SendAsync<FlowRunPage>(HttpMethod.Get, "runs" + Query(("flowId", flowId), ("status", status), ("after", after),
            ("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture))), null, cancellationToken);

    /// <summary>Runs a run again as a new run, from the start or from its failed step.</summary>
    public Task<FlowRun> RerunFlowRunAsync(string runId, bool fromFailedStep = false, CancellationToken cancellationToken = default) =>
        SendAsync<FlowRun>(HttpMethod.Post, "runs/" + Segment(runId) + "/rerun", new { from = fromFailedStep ? "failed" : "start" }, cancellationToken);

    /// <summary>Cancels a run.</summary>
    public Task<FlowRun> CancelFlowRunAsync(string runId, CancellationToken cancellationToken = default) =>
        SendAsync<FlowRun>(HttpMethod.Post, "runs/" + Segment(runId) + "/cancel", null, cancellationToken);

    /// <summary>Resumes a paused run.</summary>
    public Task<FlowRun> ResumeFlowRunAsync(string runId, CancellationToken cancellationToken = default) =>
        SendAsync<FlowRun>(HttpMethod.Post, "runs/" + Segment(runId) + "/resume", null, cancellationToken);

    /// <summary>Follows a run live: each step as it finishes, then the run once it ends, waits or pauses.</summary>
    public async IAsyncEnumerable<FlowRunUpdate> StreamFlowRunAsync(string runId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, "api/v1/runs/" + Segment(runId) + "/stream"));
        if (_apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        if (TenantId is not null)
        {
            request.Headers.Add(TenantHeader, TenantId);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false));
        string? kind = null;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = line[6..];
                yield return kind == "run"
                    ? new FlowRunUpdate(null, JsonSerializer.Deserialize<FlowRun>(data, Api))
                    : new FlowRunUpdate(JsonSerializer.Deserialize<FlowRunStep>(data, Api), null);
                if (kind == "run")
                {
                    yield break;
                }
            }
        }
    }
}

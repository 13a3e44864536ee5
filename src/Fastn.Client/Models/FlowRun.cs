using System.Text.Json.Nodes;

namespace Fastn.Client.Models;

/// <summary>One run of a flow.</summary>
/// <param name="Id">The run id (<c>run_…</c>).</param>
/// <param name="FlowId">The flow.</param>
/// <param name="FlowVersion">The version it runs (0: the draft, as a test).</param>
/// <param name="TenantId">The tenant it ran for.</param>
/// <param name="Status"><c>queued</c>, <c>running</c>, <c>waiting</c>, <c>paused</c>, <c>succeeded</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="StatusReason">Why it is waiting, paused, failed or cancelled.</param>
/// <param name="IsTest">A test run.</param>
/// <param name="StartedBy"><c>manual</c>, <c>event</c>, <c>schedule</c>, <c>http</c>, <c>test</c> or <c>rerun</c>.</param>
/// <param name="EventId">The event that started it.</param>
/// <param name="RerunOf">The run it re-runs.</param>
/// <param name="Trigger">The trigger data (type, payload…).</param>
/// <param name="Output">The output, when it succeeded.</param>
/// <param name="Error">The error (code, category, message, path), when it failed.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="WakeAt">When a waiting run resumes.</param>
/// <param name="Steps">The finished steps (on a single run's read).</param>
/// <param name="IsFinished">Whether it has ended.</param>
public sealed record FlowRun(string Id, string FlowId, int FlowVersion, string TenantId, string Status, string? StatusReason, bool IsTest, string StartedBy,
    string? EventId, string? RerunOf, JsonNode? Trigger, JsonNode? Output, JsonNode? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, DateTimeOffset? WakeAt, IReadOnlyList<FlowRunStep>? Steps, bool IsFinished);

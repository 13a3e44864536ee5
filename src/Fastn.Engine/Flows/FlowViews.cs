using System.Text.Json.Nodes;
using Fastn.Flows.Validation;
using Fastn.Storage.Flows;

namespace Fastn.Engine.Flows;

/// <summary>A flow as the API shows it.</summary>
/// <param name="Id">The flow id (<c>flow_…</c>).</param>
/// <param name="Name">The definition's name.</param>
/// <param name="Description">What it does.</param>
/// <param name="Draft">The draft definition (what editing changes and test runs run).</param>
/// <param name="PublishedVersion">The version that runs, or null when never published.</param>
/// <param name="Enabled">Whether its trigger starts runs.</param>
/// <param name="TriggerKind">The published version's trigger kind.</param>
/// <param name="HasUnpublishedChanges">Whether the draft differs from the published version.</param>
/// <param name="NextRunAt">For a schedule, when it next fires.</param>
/// <param name="Revision">The row's version: send it back as <c>expectedRevision</c> to refuse lost updates.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record FlowView(string Id, string Name, string? Description, JsonObject Draft, int? PublishedVersion, bool Enabled, string? TriggerKind,
    bool HasUnpublishedChanges, DateTimeOffset? NextRunAt, long Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A published version.</summary>
/// <param name="Version">Its number.</param>
/// <param name="Definition">Its definition.</param>
/// <param name="PublishedAt">When it was published.</param>
public sealed record FlowVersionView(int Version, JsonObject Definition, DateTimeOffset PublishedAt);

/// <summary>A run as the API shows it.</summary>
public sealed record FlowRunView(string Id, string FlowId, int FlowVersion, string TenantId, string Status, string? StatusReason, bool IsTest, string StartedBy,
    string? EventId, string? RerunOf, JsonNode? Trigger, JsonNode? Output, JsonNode? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, DateTimeOffset? WakeAt, IReadOnlyList<FlowRunStepView>? Steps)
{
    /// <summary>Whether the run has ended (succeeded, failed or cancelled).</summary>
    public bool IsFinished => Status is "succeeded" or "failed" or "cancelled";

    internal static string StatusName(FlowRunStatus status) => status.ToString().ToLowerInvariant();

    internal static FlowRunView From(FlowRun r, IReadOnlyList<FlowRunStep>? steps) => new(r.Id, r.FlowId, r.FlowVersion, r.TenantId, StatusName(r.Status), r.StatusReason,
        r.IsTest, r.StartedBy, r.EventId, r.RerunOf, Parse(r.Trigger), Parse(r.Output), Parse(r.Error), r.CreatedAt, r.StartedAt, r.FinishedAt, r.WakeAt,
        steps?.Select(FlowRunStepView.From).ToArray());

    internal static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);
}

/// <summary>One finished step of a run: its redacted input, output or error, and timing.</summary>
public sealed record FlowRunStepView(string Path, string StepId, string Kind, string Status, int Attempts, JsonNode? Input, JsonNode? Output, JsonNode? Error,
    string? CallId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, double DurationMs)
{
    internal static FlowRunStepView From(FlowRunStep s) => new(s.Path, s.StepId, s.Kind, s.Status, s.Attempts, FlowRunView.Parse(s.Input), FlowRunView.Parse(s.Output),
        FlowRunView.Parse(s.Error), s.CallId, s.StartedAt, s.FinishedAt, Math.Round((s.FinishedAt - s.StartedAt).TotalMilliseconds, 3));
}

/// <summary>A page of runs; pass <paramref name="Next"/> as <c>after</c> for the next one.</summary>
public sealed record FlowRunPage(IReadOnlyList<FlowRunView> Runs, string? Next);

/// <summary>The result of checking a definition.</summary>
/// <param name="Valid">Whether it has no problems.</param>
/// <param name="Problems">Every problem, with its path.</param>
public sealed record FlowValidationView(bool Valid, IReadOnlyList<FlowProblem> Problems);

/// <summary>How to start a run by hand.</summary>
/// <param name="Payload">The trigger payload (<c>trigger.payload</c>).</param>
/// <param name="Draft">Run the draft instead of the published version (a test run).</param>
public sealed record StartFlowRun(JsonNode? Payload, bool Draft = false);

/// <summary>Where a test run's trigger data comes from.</summary>
/// <param name="Source"><c>payload</c> (given here), <c>lastEvent</c> (the newest stored event of the flow's trigger for the tenant), <c>sample</c> (a poll trigger's first record fetched from the app now) or <c>event</c> (the one named by <paramref name="EventId"/>).</param>
/// <param name="Payload">The payload, for <c>payload</c>.</param>
/// <param name="EventId">The event, for <c>event</c>.</param>
public sealed record TestFlowRun(string? Source, JsonNode? Payload, string? EventId);

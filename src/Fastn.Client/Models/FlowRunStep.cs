using System.Text.Json.Nodes;

namespace Fastn.Client.Models;

/// <summary>One finished step of a run.</summary>
/// <param name="Path">The step id, with the iteration inside a loop (<c>lines[3].send</c>).</param>
/// <param name="StepId">The step id.</param>
/// <param name="Kind">The step's type.</param>
/// <param name="Status"><c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Attempts">How many attempts it took.</param>
/// <param name="Input">The evaluated input (redacted).</param>
/// <param name="Output">The output (redacted).</param>
/// <param name="Error">The error, when it failed.</param>
/// <param name="CallId">The action call in the call log.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="DurationMs">How long it took.</param>
public sealed record FlowRunStep(string Path, string StepId, string Kind, string Status, int Attempts, JsonNode? Input, JsonNode? Output, JsonNode? Error,
    string? CallId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, double DurationMs);

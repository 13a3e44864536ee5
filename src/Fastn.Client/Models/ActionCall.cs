using System.Text.Json.Nodes;

namespace Fastn.Client.Models;

/// <summary>One recorded action call on a connection (inputs and outputs redacted).</summary>
/// <param name="Id">The call id.</param>
/// <param name="Action">The action name.</param>
/// <param name="Status"><c>Succeeded</c> or <c>Failed</c>.</param>
/// <param name="Caller">Who called it (<c>Rest</c>, <c>Flow</c>, <c>Mcp</c>).</param>
/// <param name="ErrorType">The problem type when it failed.</param>
/// <param name="ErrorDetail">The problem detail when it failed.</param>
/// <param name="UpstreamStatus">The app's HTTP status, if any.</param>
/// <param name="DurationMs">How long it took.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="Input">The input (redacted).</param>
/// <param name="Output">The output (redacted).</param>
public sealed record ActionCall(
    string Id,
    string Action,
    string Status,
    string? Caller,
    string? ErrorType,
    string? ErrorDetail,
    int? UpstreamStatus,
    double DurationMs,
    DateTimeOffset StartedAt,
    JsonNode? Input,
    JsonNode? Output);

namespace Fastn.Client.Models;

/// <summary>The result of the connector's test call on a connection.</summary>
/// <param name="Ok">Whether the call worked (a failing call raises a <c>FastnApiException</c> instead).</param>
/// <param name="Detail">Explanation when the connector declares no test action.</param>
/// <param name="Action">The test action that ran.</param>
/// <param name="CallId">The id of the recorded call.</param>
/// <param name="DurationMs">How long it took.</param>
public sealed record ConnectionTestResult(bool Ok, string? Detail, string? Action, string? CallId, double? DurationMs);

namespace Fastn.Client.Models;

/// <summary>A trigger of a connector.</summary>
/// <param name="Name">The snake_case trigger name.</param>
/// <param name="Description">What fires it.</param>
/// <param name="Kind"><c>Webhook</c> or <c>Poll</c>.</param>
/// <param name="EventTypes">Webhook event types.</param>
/// <param name="IntervalSeconds">Poll interval.</param>
/// <param name="DetectDeletes">Whether a poll trigger reports deletions.</param>
public sealed record ConnectorTrigger(string Name, string? Description, string Kind, IReadOnlyList<string>? EventTypes, double? IntervalSeconds, bool? DetectDeletes);

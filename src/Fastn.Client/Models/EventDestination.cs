using System.Text.Json.Nodes;

namespace Fastn.Client.Models;

/// <summary>A workspace endpoint that receives its events, signed the Standard Webhooks way.</summary>
/// <param name="Id">The destination id (<c>dst_…</c>).</param>
/// <param name="Url">Where events are POSTed.</param>
/// <param name="EventTypes">Only these types (empty: all).</param>
/// <param name="Kind"><c>platform</c>, <c>trigger</c>, or null for both.</param>
/// <param name="Enabled">Whether events are sent.</param>
/// <param name="CreatedAt">When it was added.</param>
/// <param name="Secret">The <c>whsec_</c> signing secret: only in the answer that added it.</param>
/// <param name="Filters">Conditions on the payload that must all hold.</param>
public sealed record EventDestination(string Id, string Url, IReadOnlyList<string> EventTypes, string? Kind, bool Enabled, DateTimeOffset CreatedAt,
    string? Secret, JsonArray? Filters);

/// <summary>A destination to add.</summary>
/// <param name="Url">The https endpoint (http only for localhost).</param>
/// <param name="EventTypes">Only these types (all when null).</param>
/// <param name="Kind"><c>platform</c> or <c>trigger</c> (both when null).</param>
/// <param name="Filters">Conditions such as <c>[{"path":"issue.state","op":"eq","value":"open"}]</c>.</param>
public sealed record AddEventDestinationRequest(string Url, IReadOnlyList<string>? EventTypes = null, string? Kind = null, JsonArray? Filters = null);

/// <summary>One event's delivery to one destination.</summary>
/// <param name="Id">The delivery id (<c>dlv_…</c>).</param>
/// <param name="EventId">The event.</param>
/// <param name="DestinationId">The destination.</param>
/// <param name="Status"><c>Pending</c>, <c>Delivered</c> or <c>Failed</c> (dead letter).</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="NextAttemptAt">When the next attempt is due.</param>
/// <param name="LastStatus">The destination's last HTTP status.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record EventDelivery(string Id, string EventId, string DestinationId, string Status, int Attempts, DateTimeOffset NextAttemptAt,
    int? LastStatus, string? LastError, DateTimeOffset UpdatedAt);

using System.Text.Json.Nodes;

namespace Fastn.Client.Models;

/// <summary>A platform event such as <c>connection.created</c> or <c>connect_session.completed</c>.</summary>
/// <param name="Id">The event id (pass as <c>after</c> to page).</param>
/// <param name="Type">The event type.</param>
/// <param name="TenantId">The tenant it concerns.</param>
/// <param name="Subject">What it is about, e.g. a connection id.</param>
/// <param name="Data">The event's data.</param>
/// <param name="CreatedAt">When it happened.</param>
public sealed record PlatformEvent(string Id, string Type, string? TenantId, string? Subject, JsonNode? Data, DateTimeOffset CreatedAt);

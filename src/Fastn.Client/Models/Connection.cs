namespace Fastn.Client.Models;

/// <summary>A tenant's authenticated account on one connector (never its credentials).</summary>
/// <param name="Id">The connection id.</param>
/// <param name="TenantId">The tenant it belongs to.</param>
/// <param name="Connector">The connector name.</param>
/// <param name="AuthMethod">The auth method id used.</param>
/// <param name="Status"><c>Active</c>, <c>NeedsReauth</c>, <c>Error</c> or <c>Revoked</c>.</param>
/// <param name="StatusReason">Why it is not active.</param>
/// <param name="DisplayName">A label.</param>
/// <param name="Metadata">Non-secret facts about the account.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="UpdatedAt">When it last changed.</param>
public sealed record Connection(
    string Id,
    string TenantId,
    string Connector,
    string? AuthMethod,
    string Status,
    string? StatusReason,
    string? DisplayName,
    IReadOnlyDictionary<string, string>? Metadata,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

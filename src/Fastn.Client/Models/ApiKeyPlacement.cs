namespace Fastn.Client.Models;

/// <summary>Where an API-key auth method puts the key.</summary>
/// <param name="Location"><c>Header</c> or <c>Query</c>.</param>
/// <param name="Name">The header or query parameter name.</param>
/// <param name="Prefix">A prefix before the key, e.g. <c>Token </c>.</param>
public sealed record ApiKeyPlacement(string Location, string Name, string? Prefix);

namespace Fastn.Client.Models;

/// <summary>One of the workspace's customers.</summary>
/// <param name="Id">Your id for the customer.</param>
/// <param name="Name">A display name.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record Tenant(string Id, string? Name, DateTimeOffset CreatedAt);

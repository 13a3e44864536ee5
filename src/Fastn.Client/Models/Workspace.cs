namespace Fastn.Client.Models;

/// <summary>The API key's workspace: its name and logo are shown on the hosted connect page.</summary>
/// <param name="Id">The workspace id.</param>
/// <param name="Name">The name shown to your customers.</param>
/// <param name="LogoUrl">The logo shown to your customers.</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record Workspace(string Id, string Name, string? LogoUrl, DateTimeOffset CreatedAt);

namespace Fastn.Storage.Workspaces;

/// <summary>One Fastn user's organisation: owns API keys, tenants, OAuth apps and flows.</summary>
public sealed class Workspace
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    public string? LogoUrl { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

namespace Fastn.Storage.Workspaces;

/// <summary>One customer of a workspace; the id is chosen by the workspace (e.g. <c>customer-42</c>).</summary>
public sealed class Tenant : IWorkspaceOwned
{
    public required string WorkspaceId { get; init; }

    public required string Id { get; init; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}

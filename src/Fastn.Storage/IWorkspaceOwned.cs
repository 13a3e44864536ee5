namespace Fastn.Storage;

/// <summary>A row that belongs to one workspace (filtered by <see cref="ITenantScope.WorkspaceId"/>).</summary>
public interface IWorkspaceOwned
{
    string WorkspaceId { get; }
}

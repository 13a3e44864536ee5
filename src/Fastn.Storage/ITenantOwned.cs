namespace Fastn.Storage;

/// <summary>A row that belongs to one tenant of one workspace (filtered by both scope values).</summary>
public interface ITenantOwned : IWorkspaceOwned
{
    string TenantId { get; }
}

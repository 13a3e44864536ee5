namespace Fastn.Storage;

/// <summary>
/// The workspace and tenant the current unit of work acts for. <see cref="FastnDbContext"/> turns it into
/// global query filters: with a workspace set, other workspaces' rows are invisible; with a tenant set too,
/// other tenants' rows are invisible as well. Nothing set means system scope: every row is visible.
/// </summary>
public interface ITenantScope
{
    /// <summary>The workspace rows are restricted to, or <see langword="null"/> for all workspaces.</summary>
    string? WorkspaceId { get; }

    /// <summary>The tenant rows are restricted to, or <see langword="null"/> for all tenants of the workspace.</summary>
    string? TenantId { get; }
}

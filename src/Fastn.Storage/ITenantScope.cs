namespace Fastn.Storage;

/// <summary>
/// The workspace and tenant the current unit of work acts for. <see cref="FastnDbContext"/> turns it into
/// global query filters: with a workspace set, other workspaces' rows are invisible; with a tenant set too,
/// other tenants' rows are invisible as well. The scope fails closed: a query or write of a workspace-owned
/// row with nothing set throws <see cref="TenantScopeMissingException"/>. System code that must see every
/// row says so explicitly (<see cref="TenantScope.AsSystem"/>), and <see cref="SystemReason"/> records why.
/// </summary>
public interface ITenantScope
{
    /// <summary>The workspace rows are restricted to, or <see langword="null"/> when none is set.</summary>
    string? WorkspaceId { get; }

    /// <summary>The tenant rows are restricted to, or <see langword="null"/> for all tenants of the workspace.</summary>
    string? TenantId { get; }

    /// <summary>Why this is system scope (every row visible), or <see langword="null"/> when it is not.</summary>
    string? SystemReason { get; }
}

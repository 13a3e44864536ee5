namespace Fastn.Storage;

/// <summary>
/// The mutable, DI-scoped <see cref="ITenantScope"/>. It starts unset, which fails closed: request code narrows
/// it with <see cref="Set"/> (API key → workspace, header → tenant); system code (grains, hosted services, the
/// OAuth callback, the connect page) opts in with <c>using (scope.AsSystem("why"))</c>.
/// </summary>
public sealed class TenantScope : ITenantScope
{
    public string? WorkspaceId { get; private set; }

    public string? TenantId { get; private set; }

    public string? SystemReason { get; private set; }

    /// <summary>A fixed system scope for code that owns its context outright (design-time tools, tests).</summary>
    public static ITenantScope ForSystem(string why)
    {
        var scope = new TenantScope();
        scope.EnterSystem(why);
        return scope;
    }

    /// <summary>
    /// Restricts this scope to one workspace and optionally one of its tenants. An empty or malformed tenant is
    /// refused rather than read as "all tenants".
    /// </summary>
    public void Set(string workspaceId, string? tenantId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        if (tenantId is not null && Workspaces.TenantId.Validate(tenantId) is { } error)
        {
            throw new ArgumentException($"The tenant id {error}.", nameof(tenantId));
        }

        WorkspaceId = workspaceId;
        TenantId = tenantId;
        SystemReason = null;
    }

    /// <summary>
    /// Lets system code see every workspace until the returned handle is disposed, then restores what was set
    /// before. <paramref name="why"/> names the caller's reason; it shows in <see cref="SystemReason"/>.
    /// </summary>
    public IDisposable AsSystem(string why)
    {
        var previous = (WorkspaceId, TenantId, SystemReason);
        EnterSystem(why);
        return new Restore(this, previous);
    }

    /// <summary>Back to unset: every workspace-owned query throws until the scope is set again.</summary>
    public void Clear()
    {
        WorkspaceId = null;
        TenantId = null;
        SystemReason = null;
    }

    private void EnterSystem(string why)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        WorkspaceId = null;
        TenantId = null;
        SystemReason = why;
    }

    private sealed class Restore(TenantScope scope, (string? WorkspaceId, string? TenantId, string? SystemReason) previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            (scope.WorkspaceId, scope.TenantId, scope.SystemReason) = previous;
        }
    }
}

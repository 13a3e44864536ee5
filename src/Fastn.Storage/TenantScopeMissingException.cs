namespace Fastn.Storage;

/// <summary>
/// A workspace-owned row was queried or written with no workspace in scope and no explicit system opt-in. This is
/// a programming error, never a client's: the code path must set the caller's scope or call
/// <see cref="TenantScope.AsSystem"/> with its reason.
/// </summary>
public sealed class TenantScopeMissingException(string entity)
    : InvalidOperationException(
        $"No workspace is in scope for a {entity} query or write. Request code sets the caller's scope; system code "
        + "opts in with 'using (tenantScope.AsSystem(\"why\"))'.")
{
    /// <summary>The entity whose rows were touched.</summary>
    public string Entity { get; } = entity;
}

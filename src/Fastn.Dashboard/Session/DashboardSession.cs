using Fastn.Connectors;
using Fastn.Storage;
using Fastn.Storage.Workspaces;
using TenantIdRule = Fastn.Storage.Workspaces.TenantId;

namespace Fastn.Dashboard.Session;

/// <summary>
/// One browser tab's dashboard state (a circuit): the signed-in identity, the tenants it may act for and the chosen
/// one. Every page reads the tenant from here and runs engine calls through <see cref="RunAsync{T}"/>, which gives each
/// call its own service scope narrowed to the identity's workspace and tenant, as the API's caller filter does.
/// </summary>
internal sealed class DashboardSession(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim _load = new(1, 1);

    /// <summary>Who is signed in; null until <see cref="InitializeAsync"/>.</summary>
    public DashboardIdentity? Identity { get; private set; }

    /// <summary>The tenants the identity may act for.</summary>
    public IReadOnlyList<TenantChoice> Tenants { get; private set; } = [];

    /// <summary>The tenant the Connections and Connect pages act for, or null when the workspace has none yet.</summary>
    public string? TenantId { get; private set; }

    /// <summary>Raised when the tenant (or the tenant list) changes.</summary>
    public event Action? Changed;

    /// <summary>The current tenant for engine calls, or null.</summary>
    public TenantInfo? Tenant => Identity is { } identity && TenantId is { } tenant ? new TenantInfo(identity.WorkspaceId, tenant) : null;

    /// <summary>Loads the tenants once per circuit and picks <paramref name="preferred"/> when it is one of them.</summary>
    public async Task InitializeAsync(DashboardIdentity identity, string? preferred, CancellationToken cancellationToken)
    {
        await _load.WaitAsync(cancellationToken);
        try
        {
            if (Identity == identity)
            {
                if (preferred is not null && Tenants.Any(t => t.Id == preferred) && TenantId != preferred)
                {
                    TenantId = preferred;
                    Changed?.Invoke();
                }

                return;
            }

            Identity = identity;
            await ReloadTenantsAsync(preferred, cancellationToken);
        }
        finally
        {
            _load.Release();
        }
    }

    /// <summary>Switches to another tenant of the list (any other id is ignored: the list is the rule).</summary>
    public void Select(string? tenantId)
    {
        if (tenantId is not null && Tenants.Any(t => t.Id == tenantId) && tenantId != TenantId)
        {
            TenantId = tenantId;
            Changed?.Invoke();
        }
    }

    /// <summary>Creates a tenant in the workspace (workspace keys only) and switches to it.</summary>
    /// <returns>Why it was refused, or null.</returns>
    public async Task<string?> CreateTenantAsync(string? id, string? name, CancellationToken cancellationToken)
    {
        if (Identity is not { KeyTenantId: null } identity)
        {
            return "This API key is scoped to one tenant; sign in with a workspace key to add tenants.";
        }

        id = id?.Trim();
        if (string.IsNullOrEmpty(id) || TenantIdRule.Validate(id) is not null)
        {
            return $"The tenant id {(string.IsNullOrEmpty(id) ? "is required" : TenantIdRule.Validate(id))}: use {TenantIdRule.Rule}.";
        }

        if (DisplayText.Validate(name) is { } nameError)
        {
            return $"The name {nameError}.";
        }

        try
        {
            await RunAsync(null, (services, ct) => services.GetRequiredService<WorkspaceStore>().CreateTenantAsync(identity.WorkspaceId, id, string.IsNullOrWhiteSpace(name) ? null : name.Trim(), ct), cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            return $"Tenant '{id}' already exists.";
        }

        await ReloadTenantsAsync(id, cancellationToken);
        return null;
    }

    /// <summary>Runs <paramref name="work"/> in a fresh service scope narrowed to the workspace and <paramref name="tenantId"/>.</summary>
    public async Task<T> RunAsync<T>(string? tenantId, Func<IServiceProvider, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var identity = Identity ?? throw new InvalidOperationException("The dashboard session is not initialised.");
        if (identity.KeyTenantId is not null && tenantId is not null && tenantId != identity.KeyTenantId)
        {
            throw new InvalidOperationException("A tenant-scoped key cannot act for another tenant.");
        }

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(identity.WorkspaceId, tenantId ?? identity.KeyTenantId);
        return await work(scope.ServiceProvider, cancellationToken);
    }

    private async Task ReloadTenantsAsync(string? preferred, CancellationToken cancellationToken)
    {
        var identity = Identity!;
        if (identity.KeyTenantId is { } only)
        {
            Tenants = [new TenantChoice(only, only)];
        }
        else
        {
            var list = await RunAsync(null, (services, ct) => services.GetRequiredService<WorkspaceStore>().ListTenantsAsync(identity.WorkspaceId, ct), cancellationToken);
            Tenants = [.. list.OrderBy(t => t.Id, StringComparer.Ordinal).Select(t => new TenantChoice(t.Id, t.Name))];
        }

        TenantId = preferred is not null && Tenants.Any(t => t.Id == preferred) ? preferred
            : TenantId is not null && Tenants.Any(t => t.Id == TenantId) ? TenantId
            : Tenants.FirstOrDefault()?.Id;
        Changed?.Invoke();
    }
}

/// <summary>A tenant in the switcher.</summary>
/// <param name="Id">The tenant id.</param>
/// <param name="Name">Its display name.</param>
internal sealed record TenantChoice(string Id, string Name);

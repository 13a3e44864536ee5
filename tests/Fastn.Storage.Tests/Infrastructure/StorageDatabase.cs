using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Storage.Tests.Infrastructure;

/// <summary>
/// A real, migrated database for one test class, with one service provider built by
/// <see cref="StorageServiceCollectionExtensions.AddFastnStorage"/> and a fake clock the tests move.
/// </summary>
public abstract class StorageDatabase : IAsyncLifetime
{
    private ServiceProvider? _services;

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));

    public abstract StorageProvider Provider { get; }

    /// <summary>Set when the database is unavailable and the tests may be skipped (never on CI).</summary>
    public string? SkipReason { get; protected set; }

    public IServiceProvider Services => _services ?? throw new InvalidOperationException(SkipReason ?? "Database not initialised.");

    public async ValueTask InitializeAsync()
    {
        var options = await PrepareAsync();
        if (options is null)
        {
            return;
        }

        _services = Build(options);
        await _services.GetRequiredService<IStorageInitializer>().InitializeAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await CleanupAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new service provider over the same database (e.g. to test start-up paths).</summary>
    public ServiceProvider Build(Action<StorageOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging();
        services.AddFastnStorage(configure);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>A DI scope restricted to a workspace (and tenant), or system scope for test set-up when none is given.</summary>
    public AsyncServiceScope Scope(string? workspaceId = null, string? tenantId = null)
    {
        var scope = Services.CreateAsyncScope();
        var tenantScope = scope.ServiceProvider.GetRequiredService<TenantScope>();
        if (workspaceId is not null)
        {
            tenantScope.Set(workspaceId, tenantId);
        }
        else
        {
            tenantScope.AsSystem("test set-up and assertions across workspaces");
        }

        return scope;
    }

    /// <summary>A DI scope whose tenant scope is left unset, as a code path that forgot to set it would have.</summary>
    public AsyncServiceScope UnsetScope() => Services.CreateAsyncScope();

    /// <summary>Creates the empty database; returns the options to reach it, or null (with <see cref="SkipReason"/>) when unavailable.</summary>
    protected abstract Task<Action<StorageOptions>?> PrepareAsync();

    protected abstract Task CleanupAsync();
}

using Fastn.Storage.ActionCalls;
using Fastn.Storage.ApiKeys;
using Fastn.Storage.Connections;
using Fastn.Storage.Events;
using Fastn.Storage.OAuth;
using Fastn.Storage.Retention;
using Fastn.Storage.Subscriptions;
using Fastn.Storage.Workspaces;
using Fastn.Storage.Writing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Fastn store: <see cref="StorageOptions"/> (from <c>Fastn:Storage</c> and
    /// <c>ConnectionStrings:Fastn</c> when an <see cref="IConfiguration"/> is registered, then
    /// <paramref name="configure"/>), the provider's context as a scoped <see cref="FastnDbContext"/>, a scoped
    /// <see cref="TenantScope"/>/<see cref="ITenantScope"/>, the typed stores, <see cref="IIdGenerator"/> and
    /// <see cref="IStorageInitializer"/> plus a hosted service that migrates at start-up, and the retention purge.
    /// </summary>
    public static IServiceCollection AddFastnStorage(this IServiceCollection services, Action<StorageOptions>? configure = null)
    {
        services.AddOptions<StorageOptions>()
            .Configure<IServiceProvider>((o, sp) =>
            {
                if (sp.GetService<IConfiguration>() is { } config)
                {
                    config.GetSection(StorageOptions.SectionName).Bind(o);
                    if (string.IsNullOrWhiteSpace(o.ConnectionString))
                    {
                        o.ConnectionString = config.GetConnectionString("Fastn");
                    }
                }
            })
            .PostConfigure(o => configure?.Invoke(o))
            .Validate(
                o => o.Provider != StorageProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Fastn:Storage:Provider is Postgres but no connection string is set (ConnectionStrings:Fastn or Fastn:Storage:ConnectionString).")
            .Validate(
                o => o.Retention.CallLogDays >= 0 && o.Retention.EventDays >= 0 && o.Retention.RunDays >= 0 && o.Retention.Interval > TimeSpan.Zero && o.Retention.BatchSize > 0,
                "Fastn:Storage:Retention: CallLogDays, EventDays and RunDays must be 0 (keep forever) or more, Interval and BatchSize positive.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IIdGenerator, UlidIdGenerator>();
        services.TryAddScoped<TenantScope>();
        services.TryAddScoped<ITenantScope>(sp => sp.GetRequiredService<TenantScope>());

        services.AddDbContext<SqliteFastnDbContext>((sp, b) =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            b.UseSqlite(o.GetConnectionString())
                .AddInterceptors(new SqlitePragmaInterceptor(o.SqlitePragmas));
        });
        services.AddDbContext<PostgresFastnDbContext>((sp, b) =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            b.UseNpgsql(o.GetConnectionString());
        });
        services.TryAddScoped<FastnDbContext>(sp =>
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.Provider == StorageProvider.Postgres
                ? sp.GetRequiredService<PostgresFastnDbContext>()
                : sp.GetRequiredService<SqliteFastnDbContext>());

        services.TryAddScoped<WorkspaceStore>();
        services.TryAddScoped<ApiKeyStore>();
        services.TryAddScoped<ConnectionStore>();
        services.TryAddScoped<OAuthStateStore>();
        services.TryAddScoped<OAuthAppStore>();
        services.TryAddScoped<ActionCallLog>();
        services.TryAddScoped<EventStore>();
        // The call log's one writer (write-behind from the executor); as a hosted service it drains on stop.
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new GroupCommitWriter<ActionCall>(ActionCallTable.For(o.Provider), o, logger: sp.GetService<ILoggerFactory>()?.CreateLogger("Fastn.Storage.Writing.ActionCalls"));
        });
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter<ActionCall>>());
        // Trigger events: webhook intake and polls acknowledge only after their rows commit (WriteAsync).
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new GroupCommitWriter<PlatformEvent>(EventTable.For(o.Provider), o, logger: sp.GetService<ILoggerFactory>()?.CreateLogger("Fastn.Storage.Writing.Events"));
        });
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter<PlatformEvent>>());
        services.TryAddScoped<SubscriptionStore>();
        services.TryAddScoped<Polling.PollStore>();
        services.TryAddScoped<EventDeliveryStore>();
        services.TryAddScoped<Flows.FlowStore>();
        services.TryAddScoped<Flows.FlowRunStore>();
        services.TryAddScoped<Cdm.CdmSyncStore>();
        // Run steps: each finished step is committed before the next starts (WriteAsync), group-committed across runs.
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<StorageOptions>>().Value;
            return new GroupCommitWriter<Flows.FlowRunStep>(Flows.FlowRunStepTable.For(o.Provider), o, logger: sp.GetService<ILoggerFactory>()?.CreateLogger("Fastn.Storage.Writing.FlowRunSteps"));
        });
        services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter<Flows.FlowRunStep>>());

        services.TryAddSingleton<IStorageInitializer, StorageInitializer>();
        services.AddHostedService<StorageInitializerHostedService>();
        // After the initializer, so the first purge never runs against an unmigrated database.
        services.TryAddSingleton<RetentionPurge>();
        services.AddHostedService<RetentionHostedService>();
        return services;
    }
}

using Fastn.Connectors.Validation;
using Fastn.Engine.Connections;
using Fastn.Engine.Execution;
using Fastn.Engine.Http;
using Fastn.Engine.OAuth;
using Fastn.Engine.Persistence;
using Fastn.Engine.Registry;
using Fastn.Engine.Vault;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Fastn.Engine.Hosting;

/// <summary>The engine's DI entry point.</summary>
public static class FastnServiceCollectionExtensions
{
    /// <summary>Adds the Fastn engine: registry, executor, HTTP pipeline, vault, OAuth. Returns a builder for connectors.</summary>
    public static FastnBuilder AddFastn(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(ConnectorRegistrations))?.ImplementationInstance as ConnectorRegistrations;
        if (existing is not null)
        {
            return new FastnBuilder(services, existing);
        }

        var registrations = new ConnectorRegistrations();
        services.AddSingleton(registrations);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => BuildRegistry(registrations, sp.GetRequiredService<ILoggerFactory>().CreateLogger<ConnectorRegistry>()));
        services.AddConnectorHttp();
        services.TryAddSingleton<ConnectionRateLimiters>();
        services.TryAddSingleton<OAuthTokenClient>();
        services.AddOptions<VaultOptions>().BindConfiguration("Fastn:Vault");
        services.TryAddSingleton(sp => MasterKey.Load(sp.GetRequiredService<IOptions<VaultOptions>>().Value));
        services.TryAddSingleton<CredentialVault>();
        services.TryAddSingleton<GrainCredentialBroker>();
        services.TryAddSingleton<ICredentialBroker>(sp => sp.GetRequiredService<GrainCredentialBroker>());
        services.TryAddSingleton<ActionExecutor>();
        services.AddOptions<FastnEngineOptions>().BindConfiguration("Fastn");
        services.TryAddSingleton<IOAuthAppProvider, StoreOAuthAppProvider>();
        services.TryAddSingleton<StoreActionCallLog>();
        services.TryAddSingleton<IActionCallLog>(sp => sp.GetRequiredService<StoreActionCallLog>());
        services.TryAddScoped<IConnectionRepository, StoreConnectionRepository>();
        services.TryAddScoped<Storage.ConnectSessions.ConnectSessionStore>(); // ConnectionService reads the workspace's redirect URLs
        services.TryAddScoped<ConnectionService>();
        services.TryAddScoped<Triggers.SubscriptionService>();
        services.TryAddScoped<Triggers.WebhookIntake>();
        services.TryAddScoped<Triggers.EventDestinationService>();
        services.AddOptions<Triggers.EventDispatchOptions>().BindConfiguration("Fastn:Events");
        services.TryAddSingleton<Triggers.EventDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<Triggers.EventDispatcher>());
        services.AddOptions<Flows.FlowEngineOptions>().BindConfiguration("Fastn:Flows");
        services.TryAddSingleton<Flows.FlowTemplates>();
        services.TryAddSingleton<Flows.FlowRunSignals>();
        services.TryAddSingleton<Flows.RegistryFlowCatalog>();
        services.TryAddSingleton<Flows.FlowRunner>();
        services.TryAddScoped<Flows.FlowService>();
        services.TryAddSingleton<Registry.CapabilityRegistry>();
        services.TryAddScoped<Cdm.CdmService>();
        services.TryAddSingleton<Cdm.CdmPreview>();
        services.TryAddScoped<Cdm.CdmSyncService>();
        services.AddOptions<Cdm.CdmSyncOptions>().BindConfiguration("Fastn:Cdm");
        services.TryAddSingleton<Cdm.CdmSyncScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<Cdm.CdmSyncScheduler>());
        services.TryAddScoped<Flows.FlowEventTrigger>();
        services.TryAddSingleton<Flows.FlowSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<Flows.FlowSweeper>());
        Triggers.Polling.PollingServiceCollectionExtensions.AddFastnPolling(services);
        return new FastnBuilder(services, registrations);
    }

    private static ConnectorRegistry BuildRegistry(ConnectorRegistrations registrations, ILogger logger)
    {
        var registry = new ConnectorRegistry();
        foreach (var (definition, source) in registrations.Definitions)
        {
            // A host's own definitions are code the developer controls: fail start-up loudly with every problem.
            registry.Add(definition, source);
        }

        foreach (var (assembly, source) in registrations.Assemblies)
        {
            foreach (var (definition, failure) in ConnectorDiscovery.Discover(assembly))
            {
                if (failure is not null)
                {
                    throw new ConnectorDefinitionException([new DefinitionProblem(failure.Source, "assembly", failure.Reason)]);
                }

                registry.Add(definition!, source);
            }
        }

        foreach (var folder in registrations.PluginFolders)
        {
            PluginLoader.LoadFrom(folder, registry, logger);
        }

        return registry;
    }
}

using Fastn.Sandbox.State;
using Fastn.Sandbox.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Sandbox;

/// <summary>DI entry points of the local sandbox.</summary>
public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the sandbox (options, URL builder, webhook dispatcher) and lets <paramref name="configure"/>
    /// add apps: <c>services.AddFastnSandbox(o =&gt; o.Add&lt;AcmeSandboxApp&gt;())</c>.
    /// </summary>
    public static SandboxBuilder AddFastnSandbox(this IServiceCollection services, Action<SandboxBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = GetOrCreateBuilder(services);
        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>Adds one sandbox app (registering the sandbox itself if needed).</summary>
    public static SandboxBuilder AddSandboxApp<TApp>(this IServiceCollection services)
        where TApp : ISandboxApp, new() => services.AddFastnSandbox().Add<TApp>();

    private static SandboxBuilder GetOrCreateBuilder(IServiceCollection services)
    {
        // The builder remembers app names across calls, so it is kept in the collection itself.
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(SandboxBuilder))?.ImplementationInstance;
        if (existing is SandboxBuilder found)
        {
            return found;
        }

        var builder = new SandboxBuilder(services);
        services.AddSingleton(builder);
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName);
        services.AddOptions<WebhookDispatcherOptions>().BindConfiguration(WebhookDispatcherOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SandboxUrls>();
        services.TryAddSingleton<SandboxStateStore>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.TryAddSingleton<WebhookDispatcher>();
        return builder;
    }
}

using Fastn.Storage.ConnectSessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Fastn.Engine.ConnectSessions;

/// <summary>DI registration of connect sessions.</summary>
public static class ConnectSessionServiceCollectionExtensions
{
    /// <summary>Registers <see cref="ConnectSessionStore"/> and <see cref="ConnectSessionService"/> (scoped).</summary>
    public static IServiceCollection AddFastnConnectSessions(this IServiceCollection services)
    {
        services.TryAddScoped<ConnectSessionStore>();
        services.TryAddScoped<ConnectSessionService>();
        return services;
    }
}

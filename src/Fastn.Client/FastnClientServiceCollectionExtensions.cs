using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fastn.Client;

/// <summary>Registers <see cref="FastnClient"/> with <c>IHttpClientFactory</c>.</summary>
public static class FastnClientServiceCollectionExtensions
{
    /// <summary>The name of the <c>HttpClient</c> the factory hands to <see cref="FastnClient"/>.</summary>
    public const string HttpClientName = "Fastn";

    /// <summary>
    /// Adds a transient <see cref="FastnClient"/> over a factory-managed <c>HttpClient</c>; returns the client builder so
    /// handlers (resilience, logging) can be added.
    /// </summary>
    public static IHttpClientBuilder AddFastnClient(this IServiceCollection services, Action<FastnClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<FastnClientOptions>().Configure(configure);
        return services.AddHttpClient(HttpClientName)
            .AddTypedClient((http, provider) => new FastnClient(http, provider.GetRequiredService<IOptions<FastnClientOptions>>().Value));
    }
}

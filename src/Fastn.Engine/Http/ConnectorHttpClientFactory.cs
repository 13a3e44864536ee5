using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Fastn.Engine.Http;

/// <summary>Registers the named client behind every <c>ctx.Http</c>: SSRF-guarded sockets, retries honouring <c>Retry-After</c>, a circuit breaker per host.</summary>
internal static class ConnectorHttpClientRegistration
{
    /// <summary>The named client.</summary>
    public const string ClientName = "fastn-connector";

    /// <summary>Adds the pipeline.</summary>
    public static IServiceCollection AddConnectorHttp(this IServiceCollection services)
    {
        services.AddOptions<OutboundHttpOptions>().BindConfiguration("Fastn:Http");
        services.AddSingleton<SsrfGuard>();
        services.AddTransient<RedactingLoggingHandler>();
        services.AddTransient<ResponseSizeLimitHandler>();
        services.AddHttpClient(ClientName)
            .RemoveAllLoggers()
            .AddHttpMessageHandler<RedactingLoggingHandler>()
            .AddHttpMessageHandler<ResponseSizeLimitHandler>()
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<SsrfGuard>().ConnectAsync,
                // ConnectionAuthHandler follows redirects itself, so credentials never follow one to another origin.
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AutomaticDecompression = DecompressionMethods.All,
                UseCookies = false,
            })
            .AddResilienceHandler("fastn", (pipeline, context) =>
            {
                var options = context.ServiceProvider.GetRequiredService<IOptions<OutboundHttpOptions>>().Value;
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = options.RetryBaseDelay,
                    MaxDelay = options.MaxRetryAfter,
                    ShouldRetryAfterHeader = true,
                    ShouldHandle = args => ValueTask.FromResult(RetryPolicy.ShouldRetry(args.Outcome, args.Context)),
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = options.CircuitBreakerFailureRatio,
                    MinimumThroughput = 20,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(15),
                });
            })
            .SelectPipelineByAuthority();
        // Event deliveries to a workspace's own endpoints: the same SSRF guard, no redirects, no retry pipeline (the
        // dispatcher retries on its own schedule).
        services.AddHttpClient(Triggers.EventDispatcher.ClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<SsrfGuard>().ConnectAsync,
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                UseCookies = false,
            });
        return services;
    }
}

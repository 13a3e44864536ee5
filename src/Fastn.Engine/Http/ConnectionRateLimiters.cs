using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Fastn.Connectors;

namespace Fastn.Engine.Http;

/// <summary>One token bucket per connection, sized by the connector's <c>Capabilities.RequestsPerSecond</c>.</summary>
public sealed class ConnectionRateLimiters : IDisposable
{
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);

    /// <summary>The limiter of a connection, or <see langword="null"/> when its connector sets no limit.</summary>
    public RateLimiter? For(string connectionId, ConnectorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Capabilities.RequestsPerSecond is not { } rate)
        {
            return null;
        }

        return _limiters.GetOrAdd(connectionId, _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, definition.Capabilities.Burst),
            TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(rate)),
            ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(rate)) / rate),
            QueueLimit = 10_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        }));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}

using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Fastn.Connectors;

namespace Fastn.Engine.Http;

/// <summary>
/// One token bucket per connection, sized by the connector's <c>Capabilities.RequestsPerSecond</c>. A bucket unused
/// for <see cref="IdleTimeout"/> (on the injected clock) is disposed and forgotten, so a server that sees many
/// connections over its lifetime does not keep a limiter (and its replenishment timer) for each of them.
/// </summary>
public sealed class ConnectionRateLimiters(TimeProvider time) : IDisposable
{
    /// <summary>How long a connection's limiter is kept without a call.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Entry> _limiters = new(StringComparer.Ordinal);
    private long _nextSweep = time.GetUtcNow().Add(IdleTimeout).UtcTicks;

    /// <summary>How many limiters are held now.</summary>
    public int Count => _limiters.Count;

    /// <summary>The limiter of a connection, or <see langword="null"/> when its connector sets no limit.</summary>
    public RateLimiter? For(string connectionId, ConnectorDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Capabilities.RequestsPerSecond is not { } rate)
        {
            return null;
        }

        var now = time.GetUtcNow();
        SweepIfDue(now);
        while (true)
        {
            var entry = _limiters.GetOrAdd(connectionId, _ => new Entry(Create(definition, rate)));
            lock (entry)
            {
                // A sweep may have evicted it between the lookup and the lock: then take (or make) the new one.
                if (!entry.Evicted)
                {
                    entry.LastUsed = now;
                    return entry.Limiter;
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var entry in _limiters.Values)
        {
            entry.Limiter.Dispose();
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref _nextSweep, now.Add(IdleTimeout / 10).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var (id, entry) in _limiters)
        {
            lock (entry)
            {
                if (now - entry.LastUsed < IdleTimeout || entry.Limiter.GetStatistics()?.CurrentQueuedCount > 0)
                {
                    continue;
                }

                entry.Evicted = true;
                _limiters.TryRemove(KeyValuePair.Create(id, entry));
                entry.Limiter.Dispose();
            }
        }
    }

    private static TokenBucketRateLimiter Create(ConnectorDefinition definition, double rate) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = Math.Max(1, definition.Capabilities.Burst),
        TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(rate)),
        ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(rate)) / rate),
        QueueLimit = 10_000,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    private sealed class Entry(TokenBucketRateLimiter limiter)
    {
        public TokenBucketRateLimiter Limiter { get; } = limiter;

        public DateTimeOffset LastUsed { get; set; }

        public bool Evicted { get; set; }
    }
}

using Fastn.Connectors;
using Fastn.Connectors.Capabilities;
using Fastn.Engine.Http;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Engine.Tests.Http;

public sealed class ConnectionRateLimitersTests
{
    private static readonly ConnectorDefinition Limited = new()
    {
        Name = "limited-app",
        DisplayName = "Limited App",
        Capabilities = new ConnectorCapabilities { RequestsPerSecond = 5 },
    };

    [Fact]
    public void For_ConnectionIdleLongerThanTheTimeout_IsEvictedAndDisposed()
    {
        var time = new FakeTimeProvider();
        using var limiters = new ConnectionRateLimiters(time);
        var idle = limiters.For("conn_idle", Limited).ShouldNotBeNull();
        var busy = limiters.For("conn_busy", Limited).ShouldNotBeNull();

        time.Advance(ConnectionRateLimiters.IdleTimeout - TimeSpan.FromMinutes(1));
        limiters.For("conn_busy", Limited).ShouldBeSameAs(busy);
        time.Advance(TimeSpan.FromMinutes(2));
        limiters.For("conn_busy", Limited).ShouldBeSameAs(busy);

        limiters.Count.ShouldBe(1);
        Should.Throw<ObjectDisposedException>(() => idle.AttemptAcquire(1));
        limiters.For("conn_idle", Limited).ShouldNotBeSameAs(idle);
    }

    [Fact]
    public void For_ConnectionUsedWithinTheTimeout_KeepsItsLimiter()
    {
        var time = new FakeTimeProvider();
        using var limiters = new ConnectionRateLimiters(time);
        var limiter = limiters.For("conn_1", Limited);

        time.Advance(ConnectionRateLimiters.IdleTimeout - TimeSpan.FromSeconds(1));

        limiters.For("conn_1", Limited).ShouldBeSameAs(limiter);
        limiters.Count.ShouldBe(1);
    }
}

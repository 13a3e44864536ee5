using System.Collections.Concurrent;
using System.Net;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Triggers;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Server.Tests.PlatformCore;

namespace Fastn.Server.Tests.Triggers;

/// <summary>
/// The poll partitions on a real server with one partition and two slots: a poll that hangs in the app holds one slot,
/// never the partition, so another tenant's subscription keeps being polled on its schedule.
/// </summary>
public sealed class PollPartitionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Partition_SlowPollHoldsOneSlot_OtherTenantKeepsPolling()
    {
        var app = new SlowApp();
        await using var server = await FastnTestServer.StartAsync(new FastnTestServerOptions
        {
            Connectors = [app.Definition],
            Settings = new Dictionary<string, string>
            {
                ["Fastn:Polling:Partitions"] = "1",
                ["Fastn:Polling:PartitionConcurrency"] = "2",
                ["Fastn:Polling:TickInterval"] = "00:00:00.200",
            },
        });
        try
        {
            var slowTenant = Scenarios.NewTenant();
            var fastTenant = Scenarios.NewTenant();
            // Keyed by connection: one subscription each.
            var slow = await SubscribeAsync(server, slowTenant, slow: true);
            var fast = await SubscribeAsync(server, fastTenant, slow: false);

            // The slow poll is stuck in the app; the fast one runs every second meanwhile.
            await EventuallyAsync(() => app.Fetches.GetValueOrDefault(fast) >= 3, TimeSpan.FromSeconds(30));

            app.Fetches.GetValueOrDefault(fast).ShouldBeGreaterThanOrEqualTo(3);
            app.Fetches.GetValueOrDefault(slow).ShouldBe(1, "the slow subscription's only poll is still running");
            app.InFlight.ShouldBe(1);
        }
        finally
        {
            app.Release();
        }
    }

    private static async Task<string> SubscribeAsync(FastnTestServer server, string tenant, bool slow)
    {
        string connection;
        using (var connect = await server.SendAsync(HttpMethod.Post, "api/v1/connections", tenant,
            new { connector = SlowApp.Name, credentials = new Dictionary<string, string> { ["api_key"] = "k-" + tenant } }))
        {
            connection = (await connect.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString()!;
        }

        using var create = await server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", tenant,
            new { connectionId = connection, trigger = "tick", parameters = new { slow }, schedule = new { interval = "1s" } });
        await create.ReadJsonAsync(HttpStatusCode.Created);
        return connection;
    }

    private static async Task EventuallyAsync(Func<bool> done, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        while (!done() && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
        }
    }

    private sealed record Tick(string Id, long At);

    /// <summary>An app whose poll hangs, until released, for subscriptions with <c>slow: true</c>.</summary>
    private sealed class SlowApp
    {
        public const string Name = "slow-poll";
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _inFlight;

        public SlowApp()
        {
            Definition = new ConnectorDefinition
            {
                Name = Name,
                DisplayName = "Slow Poll",
                Description = "A test app whose poll can hang.",
                BaseUrl = "https://slow.example/",
                Auth = Auth.ApiKeyQuery("api_key"),
            };
            Definition.Triggers.Add(Define.PollTrigger<Tick>("tick", "A tick.", FetchAsync, t => t.Id, every: TimeSpan.FromSeconds(1)));
        }

        public ConnectorDefinition Definition { get; }

        /// <summary>Fetches per connection.</summary>
        public ConcurrentDictionary<string, int> Fetches { get; } = new(StringComparer.Ordinal);

        public int InFlight => Volatile.Read(ref _inFlight);

        public void Release() => _release.TrySetResult();

        private async Task<PollPage<Tick>> FetchAsync(PollRequest request, ConnectorContext context, CancellationToken cancellationToken)
        {
            Fetches.AddOrUpdate(context.ConnectionId, 1, (_, n) => n + 1);
            if (request.Parameters["slow"]?.GetValue<bool>() == true)
            {
                Interlocked.Increment(ref _inFlight);
                try
                {
                    await _release.Task.WaitAsync(cancellationToken);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }

            return new PollPage<Tick>([new Tick("t", 1)], null);
        }
    }
}

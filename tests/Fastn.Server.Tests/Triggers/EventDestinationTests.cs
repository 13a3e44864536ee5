using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Fastn.Connectors.Triggers;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Server.Tests.PlatformCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fastn.Server.Tests.Triggers;

/// <summary>
/// Event destinations end to end: a webhook delivery stored by intake reaches the workspace's own endpoint, signed the
/// Standard Webhooks way, retried on failure, dead-lettered after the last attempt, redelivered by hand; the SSRF guard
/// applies to destination URLs.
/// </summary>
public sealed class EventDestinationTests : IAsyncLifetime
{
    private const string HookSecret = "stub-hook-secret";
    private Receiver _receiver = null!;
    private StubApp _stub = null!;
    private FastnTestServer _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _receiver = await Receiver.StartAsync();
        _stub = await StubApp.StartAsync();
        _server = await FastnTestServer.StartAsync(new FastnTestServerOptions
        {
            Connectors = [StubConnectors.QueryKey(_stub.BaseUrl)],
            AllowedPrivateHosts = [_stub.Authority, _receiver.Authority],
            Settings = new Dictionary<string, string>
            {
                ["Fastn:Events:PollInterval"] = "00:00:00.100",
                ["Fastn:Events:RetrySchedule:0"] = "00:00:00.200",
                ["Fastn:Events:RetrySchedule:1"] = "00:00:00.200",
            },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _stub.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task TriggerEvent_ReachesTheDestinationSignedAfterOneRetry()
    {
        _receiver.FailFirst = 1;
        var destination = await AddDestinationAsync($"{_receiver.BaseUrl}/hook", kind: "trigger");
        var secret = destination.GetProperty("secret").GetString()!;
        secret.ShouldStartWith("whsec_");

        var eventId = await ReceiveWebhookAsync("evt-dest-1");

        var received = await _receiver.WaitForAsync(r => r.Path == "/hook" && r.Status == 200);
        // The receiver checks the delivery with the Standard Webhooks rules and the secret it was given.
        var verified = WebhookVerifiers.StandardWebhooks(
            new WebhookRequest(Encoding.UTF8.GetBytes(received.Body), received.Headers), new WebhookVerificationContext { SigningSecret = secret });
        verified.IsValid.ShouldBeTrue(verified.Failure);
        received.Headers["webhook-id"].ShouldBe(eventId);
        using var payload = JsonDocument.Parse(received.Body);
        payload.RootElement.GetProperty("type").GetString().ShouldBe("item.created");
        payload.RootElement.GetProperty("data").GetProperty("payload").GetProperty("name").GetString().ShouldBe("item evt-dest-1");
        payload.RootElement.GetProperty("data").GetProperty("kind").GetString().ShouldBe("trigger");
        // Both attempts carried the same webhook-id, so the receiver can de-duplicate.
        _receiver.Requests.Where(r => r.Path == "/hook").Select(r => r.Headers["webhook-id"]).Distinct().ShouldBe([eventId]);

        var deliveries = await DeliveriesAsync(destination.GetProperty("id").GetString()!, "Delivered");
        var delivery = deliveries.EnumerateArray().Single(d => d.GetProperty("eventId").GetString() == eventId);
        delivery.GetProperty("attempts").GetInt32().ShouldBe(2);

        using var list = await _server.SendAsync(HttpMethod.Get, "api/v1/event-destinations");
        (await list.Content.ReadAsStringAsync(Ct)).ShouldNotContain(secret);
    }

    [Fact]
    public async Task AlwaysFailingDestination_DeadLetteredThenRedeliveredByHand()
    {
        var destination = await AddDestinationAsync($"{_receiver.BaseUrl}/always-500", kind: "trigger");
        var id = destination.GetProperty("id").GetString()!;

        var eventId = await ReceiveWebhookAsync("evt-dead-1");

        var dead = await WaitAsync(async () => (await DeliveriesAsync(id, "Failed")).EnumerateArray()
            .FirstOrDefault(d => d.GetProperty("eventId").GetString() == eventId));
        dead.GetProperty("attempts").GetInt32().ShouldBe(3, "one attempt and two retries");
        dead.GetProperty("lastStatus").GetInt32().ShouldBe(500);

        using var redeliver = await _server.SendAsync(HttpMethod.Post, $"api/v1/event-destinations/deliveries/{dead.GetProperty("id").GetString()}/redeliver");
        (await redeliver.ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("Pending");
        await _receiver.WaitForAsync(r => r.Path == "/always-500" && r.Headers["webhook-id"] == eventId, count: 4);
    }

    [Fact]
    public async Task PrivateAddressDestination_RefusedByTheSsrfGuard()
    {
        // Accepted as a URL, but it resolves to a private address that is not allowed: no connection is made.
        var destination = await AddDestinationAsync("https://10.255.255.1/hook", kind: "trigger");
        var eventId = await ReceiveWebhookAsync("evt-ssrf-1");

        var failed = await WaitAsync(async () => (await DeliveriesAsync(destination.GetProperty("id").GetString()!, "Failed")).EnumerateArray()
            .FirstOrDefault(d => d.GetProperty("eventId").GetString() == eventId));
        failed.GetProperty("lastError").GetString().ShouldNotBeNull().ShouldContain("non-public");
    }

    [Fact]
    public async Task FilteredDestination_ReceivesOnlyEventsWhosePayloadMatches()
    {
        using var add = await _server.SendAsync(HttpMethod.Post, "api/v1/event-destinations", json: new
        {
            url = $"{_receiver.BaseUrl}/filtered",
            kind = "trigger",
            filters = new object[] { new { path = "name", op = "contains", value = "wanted" } },
        });
        var destination = await add.ReadJsonAsync(HttpStatusCode.Created);
        destination.GetProperty("filters")[0].GetProperty("op").GetString().ShouldBe("contains");

        var skipped = await ReceiveWebhookAsync("evt-other");
        var wanted = await ReceiveWebhookAsync("evt-wanted");

        await _receiver.WaitForAsync(r => r.Path == "/filtered" && r.Headers["webhook-id"] == wanted);
        await Task.Delay(500, Ct);
        _receiver.Requests.ShouldNotContain(r => r.Path == "/filtered" && r.Headers["webhook-id"] == skipped);
    }

    [Fact]
    public async Task AddDestination_BadFilter_ValidationProblemAtTheCondition()
    {
        using var response = await _server.SendAsync(HttpMethod.Post, "api/v1/event-destinations", json: new
        {
            url = $"{_receiver.BaseUrl}/x",
            filters = new object[] { new { path = "name", op = "like", value = "x" } },
        });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.filters[0].op");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not a url")]
    [InlineData("ftp://example.com/hook")]
    [InlineData("http://example.com/hook")]
    [InlineData("https://user:pw@example.com/hook")]
    public async Task AddDestination_BadUrl_ValidationProblem(string? url)
    {
        using var response = await _server.SendAsync(HttpMethod.Post, "api/v1/event-destinations", json: new { url });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.url");
    }

    private async Task<JsonElement> AddDestinationAsync(string url, string? kind = null)
    {
        using var response = await _server.SendAsync(HttpMethod.Post, "api/v1/event-destinations", json: new { url, kind });
        return await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    private async Task<JsonElement> DeliveriesAsync(string destinationId, string status)
    {
        using var response = await _server.SendAsync(HttpMethod.Get, $"api/v1/event-destinations/{destinationId}/deliveries?status={status}");
        return await response.ReadJsonAsync();
    }

    // A signed delivery through intake; returns the stored event's id.
    private async Task<string> ReceiveWebhookAsync(string appEventId)
    {
        var tenant = Scenarios.NewTenant();
        var connection = await Scenarios.ConnectStubAsync(_server, tenant, StubConnectors.Query, "k-" + tenant);
        using var subscribe = await _server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", tenant,
            new { connectionId = connection, trigger = "item_event", signingSecret = HookSecret });
        var subscription = await subscribe.ReadJsonAsync(HttpStatusCode.Created);
        var body = JsonSerializer.Serialize(new { events = new[] { new { id = appEventId, type = "item.created", data = new { name = "item " + appEventId } } } });
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.GetProperty("webhookUrl").GetString()) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(StubConnectors.SignatureHeader, "sha256=" + WebhookVerifiers.Sign(HookSecret, Encoding.UTF8.GetBytes(body)));
        using var response = await _server.Http.SendAsync(request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var events = await _server.SendAsync(HttpMethod.Get, $"api/v1/events?kind=trigger&subscriptionId={subscription.GetProperty("id").GetString()}", tenant);
        return (await events.ReadJsonAsync()).GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> WaitAsync(Func<Task<JsonElement>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var found = await probe();
            if (found.ValueKind != JsonValueKind.Undefined || DateTime.UtcNow > deadline)
            {
                found.ValueKind.ShouldNotBe(JsonValueKind.Undefined, "within 20 s");
                return found;
            }

            await Task.Delay(100, Ct);
        }
    }

    /// <summary>The workspace's own endpoint, on loopback: records every request; /hook fails the first FailFirst, /always-500 always.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _failFirst;

        private Receiver(WebApplication app, string baseUrl)
        {
            _app = app;
            BaseUrl = baseUrl;
        }

        public string BaseUrl { get; }

        public string Authority => new Uri(BaseUrl).Authority;

        public ConcurrentQueue<Received> Requests { get; } = new();

        public int FailFirst { set => _failFirst = value; }

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            Receiver? self = null;
            app.MapPost("/{**path}", async (HttpContext http) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                var body = await reader.ReadToEndAsync();
                var path = http.Request.Path.Value!;
                var status = path == "/always-500" || (path == "/hook" && Interlocked.Decrement(ref self!._failFirst) >= 0) ? 500 : 200;
                self!.Requests.Enqueue(new Received(path, http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body, status));
                return Results.StatusCode(status);
            });
            await app.StartAsync();
            var address = app.Urls.First();
            self = new Receiver(app, address);
            return self;
        }

        public async Task<Received> WaitForAsync(Func<Received, bool> match, int count = 1)
        {
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (Requests.Count(match) < count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, Ct);
            }

            Requests.Count(match).ShouldBeGreaterThanOrEqualTo(count, "requests within 20 s");
            return Requests.Last(match);
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }

    private sealed record Received(string Path, Dictionary<string, string> Headers, string Body, int Status);
}

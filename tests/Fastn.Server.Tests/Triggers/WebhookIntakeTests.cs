using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Server.Tests.PlatformCore;

namespace Fastn.Server.Tests.Triggers;

/// <summary>
/// Subscriptions and webhook intake end to end over real HTTP: the app's signed delivery is verified over its raw
/// body, stored once per app event before the 2xx, refused with nothing stored when it does not verify.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class WebhookIntakeTests(ServerFixture fixture)
{
    private const string Secret = "stub-hook-secret";

    private FastnTestServer Server => fixture.Server;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public Task Intake_Sqlite_StoresOnceRefusesForgeriesAndHoldsWhenPaused() => IntakeScenarioAsync(Server, fixture.Stub.BaseUrl);

    [Fact]
    public async Task Intake_Postgres_StoresOnceRefusesForgeriesAndHoldsWhenPaused()
    {
        await using var database = await PostgresTestDatabase.CreateAsync();
        await using var stub = await StubApp.StartAsync();
        await using var server = await FastnTestServer.StartAsync(new FastnTestServerOptions
        {
            PostgresConnectionString = database.ConnectionString,
            Connectors = [StubConnectors.QueryKey(stub.BaseUrl)],
            AllowedPrivateHosts = [stub.Authority],
        });

        await IntakeScenarioAsync(server, stub.BaseUrl);
    }

    [Fact]
    public async Task Intake_ConcurrentRedeliveries_EachAcknowledgedAndStoredOnce()
    {
        var tenant = Scenarios.NewTenant();
        var (_, url, id) = await SubscribeAsync(Server, tenant);
        var bodies = Enumerable.Range(0, 10).Select(i => Delivery($"evt-c{i}", "item.created")).ToList();

        // Every delivery sent three times at once: 30 requests, 10 app events.
        var responses = await Task.WhenAll(bodies.SelectMany(b => Enumerable.Repeat(b, 3)).Select(b => PostAsync(Server, url, b)));

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.OK);
        (await EventsAsync(Server, tenant, id)).Count.ShouldBe(10);
    }

    [Fact]
    public async Task Intake_BadInput_ClearOutcomeAndNothingStored()
    {
        var tenant = Scenarios.NewTenant();
        var (_, url, id) = await SubscribeAsync(Server, tenant);

        // Not JSON but correctly signed: the trigger cannot read it.
        using (var notJson = await PostAsync(Server, url, "this is not json"))
        {
            var problem = await notJson.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
            problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("nothing was stored");
        }

        // Empty body, unsigned.
        using (var empty = await Server.Http.PostAsync(url, new ByteArrayContent([]), Ct))
        {
            await empty.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:webhook-signature-invalid");
        }

        // Signed with another secret.
        using (var wrong = await PostAsync(Server, url, Delivery("evt-wrong", "item.created"), secret: "not-the-secret"))
        {
            var problem = await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:webhook-signature-invalid");
            problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldNotContain(Secret);
        }

        // Over the 1 MB limit.
        using (var huge = await PostAsync(Server, url, "{\"events\":[],\"pad\":\"" + new string('x', 1024 * 1024) + "\"}"))
        {
            await huge.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "fastn:payload-too-large");
        }

        // Form-encoded where JSON was expected, signed.
        using (var form = await PostAsync(Server, url, "events=1&type=item.created", "application/x-www-form-urlencoded"))
        {
            form.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        (await EventsAsync(Server, tenant, id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Intake_UnknownOrDeletedSubscription_404()
    {
        var tenant = Scenarios.NewTenant();
        var (_, url, id) = await SubscribeAsync(Server, tenant);
        using (var unknown = await PostAsync(Server, Server.BaseUrl + "/webhooks/sub_doesnotexist", Delivery("e1", "item.created")))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
        }

        using (var delete = await Server.SendAsync(HttpMethod.Delete, $"api/v1/subscriptions/{id}", tenant))
        {
            delete.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        using var gone = await PostAsync(Server, url, Delivery("e2", "item.created"));
        await gone.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
    }

    [Fact]
    public async Task Intake_SignedPing_AnsweredAsHandshakeAndNotStored()
    {
        var tenant = Scenarios.NewTenant();
        var (_, url, id) = await SubscribeAsync(Server, tenant);

        using var ping = await PostAsync(Server, url, "{\"ping\":true}");

        ping.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ping.Content.ReadAsStringAsync(Ct)).ShouldBe("{\"pong\":true}");
        (await EventsAsync(Server, tenant, id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Subscriptions_BadRequests_ClearValidationErrors()
    {
        var tenant = Scenarios.NewTenant();
        var connection = await Scenarios.ConnectStubAsync(Server, tenant, StubConnectors.Query, "k-sub-bad");

        await ExpectValidationAsync(new { trigger = "item_event", signingSecret = Secret }, "$.connectionId");
        await ExpectValidationAsync(new { connectionId = connection, signingSecret = Secret }, "$.trigger");
        await ExpectValidationAsync(new { connectionId = connection, trigger = "nope", signingSecret = Secret }, "$.trigger", "item_event");
        await ExpectValidationAsync(new { connectionId = connection, trigger = "item_event" }, "$.signingSecret");
        await ExpectValidationAsync(new { connectionId = connection, trigger = "item_event", signingSecret = "a\nb" }, "$.signingSecret");
        using var otherTenant = await Server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", Scenarios.NewTenant(),
            new { connectionId = connection, trigger = "item_event", signingSecret = Secret });
        await otherTenant.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");

        async Task ExpectValidationAsync(object body, string path, string? mentions = null)
        {
            using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", tenant, body);
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
            problem.GetProperty("path").GetString().ShouldBe(path);
            if (mentions is not null)
            {
                problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain(mentions);
            }
        }
    }

    [Fact]
    public async Task Subscription_Views_NeverShowTheSecret()
    {
        var tenant = Scenarios.NewTenant();
        var (created, _, id) = await SubscribeAsync(Server, tenant);
        using var get = await Server.SendAsync(HttpMethod.Get, $"api/v1/subscriptions/{id}", tenant);
        using var list = await Server.SendAsync(HttpMethod.Get, "api/v1/subscriptions", tenant);

        foreach (var text in new[] { created.GetRawText(), (await get.ReadJsonAsync()).GetRawText(), (await list.ReadJsonAsync()).GetRawText() })
        {
            text.ShouldNotContain(Secret);
            text.ShouldContain("\"hasSigningSecret\":true");
        }
    }

    private static async Task IntakeScenarioAsync(FastnTestServer server, string stubBaseUrl)
    {
        _ = stubBaseUrl;
        var tenant = Scenarios.NewTenant();
        var (created, url, id) = await SubscribeAsync(server, tenant);
        created.GetProperty("status").GetString().ShouldBe("Active");
        url.ShouldBe($"{server.BaseUrl}/webhooks/{id}");

        var delivery = Delivery("evt-1", "item.created", "evt-2", "item.updated");
        using (var first = await PostAsync(server, url, delivery))
        {
            (await first.ReadJsonAsync()).GetProperty("received").GetInt32().ShouldBe(2);
        }

        // The app retries the same delivery: 2xx again, nothing new stored.
        using (var again = await PostAsync(server, url, delivery))
        {
            again.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var events = await EventsAsync(server, tenant, id);
        events.Select(e => e.GetProperty("type").GetString()).Order(StringComparer.Ordinal).ShouldBe(["item.created", "item.updated"]);
        var stored = events.Single(e => e.GetProperty("type").GetString() == "item.created");
        stored.GetProperty("kind").GetString().ShouldBe("trigger");
        stored.GetProperty("source").GetString().ShouldBe("webhook");
        stored.GetProperty("subscriptionId").GetString().ShouldBe(id);
        stored.GetProperty("data").GetProperty("name").GetString().ShouldBe("item evt-1");
        stored.GetProperty("held").ValueKind.ShouldBe(JsonValueKind.Null);

        // Tampered body with the original signature: refused, nothing stored.
        using (var forged = await PostAsync(server, url, delivery.Replace("evt-1", "evt-9", StringComparison.Ordinal), signature: Sign(Secret, delivery)))
        {
            await forged.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:webhook-signature-invalid");
        }

        // Paused: acknowledged and stored, held from dispatch.
        using (var pause = await server.SendAsync(HttpMethod.Post, $"api/v1/subscriptions/{id}/pause", tenant))
        {
            (await pause.ReadJsonAsync()).GetProperty("status").GetString().ShouldBe("Paused");
        }

        using (var whilePaused = await PostAsync(server, url, Delivery("evt-3", "item.created")))
        {
            (await whilePaused.ReadJsonAsync()).GetProperty("held").GetBoolean().ShouldBeTrue();
        }

        events = await EventsAsync(server, tenant, id);
        events.Count.ShouldBe(3);
        events.Single(e => e.GetProperty("data").GetProperty("name").GetString() == "item evt-3")
            .GetProperty("held").GetString().ShouldNotBeNull().ShouldContain("paused");

        // Another tenant sees none of it.
        (await EventsAsync(server, Scenarios.NewTenant(), id)).ShouldBeEmpty();
    }

    private static async Task<(JsonElement Created, string Url, string Id)> SubscribeAsync(FastnTestServer server, string tenant)
    {
        var connection = await Scenarios.ConnectStubAsync(server, tenant, StubConnectors.Query, "k-" + tenant);
        using var response = await server.SendAsync(HttpMethod.Post, "api/v1/subscriptions", tenant,
            new { connectionId = connection, trigger = "item_event", signingSecret = Secret });
        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        return (created, created.GetProperty("webhookUrl").GetString()!, created.GetProperty("id").GetString()!);
    }

    private static async Task<List<JsonElement>> EventsAsync(FastnTestServer server, string tenant, string subscriptionId)
    {
        using var response = await server.SendAsync(HttpMethod.Get, $"api/v1/events?kind=trigger&subscriptionId={subscriptionId}", tenant);
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
    }

    private static string Delivery(params string[] idsAndTypes) =>
        JsonSerializer.Serialize(new
        {
            events = idsAndTypes.Chunk(2).Select(p => new { id = p[0], type = p[1], data = new { name = "item " + p[0] } }),
        });

    private static async Task<HttpResponseMessage> PostAsync(FastnTestServer server, string url, string body, string mediaType = "application/json",
        string? secret = null, string? signature = null)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add(StubConnectors.SignatureHeader, signature ?? Sign(secret ?? Secret, body));
        return await server.Http.SendAsync(request, Ct);
    }

    // An independent HMAC, not the SDK's signer.
    private static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}

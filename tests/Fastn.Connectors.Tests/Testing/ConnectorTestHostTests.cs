using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.Tests.Testing;

public sealed class ConnectorTestHostTests
{
    private const string Secret = "whsec_test";
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static ConnectorTestHost Host(HttpMessageHandler handler, ConnectorDefinition? definition = null)
    {
        definition ??= ExampleConnector.Definition;
        return new ConnectorTestHost(definition, ConnectorTestHost.CredentialsFor(definition.Auth.Default!, new Dictionary<string, string> { ["api_key"] = "k" }), handler);
    }

    private static object Contact(string id) => new { id, email = id + "@example.com", updatedAt = Now };

    [Fact]
    public async Task PollAllAsync_ThreePages_FollowsCursorsAndReturnsAllRecords()
    {
        var stub = new StubHttpHandler()
            .RouteJson(HttpMethod.Get, "/v1/contacts?limit=2", new { data = new[] { Contact("c1"), Contact("c2") }, nextCursor = "p2" })
            .RouteJson(HttpMethod.Get, "/v1/contacts?limit=2&cursor=p2", new { data = new[] { Contact("c3"), Contact("c4") }, nextCursor = "p 3" })
            .RouteJson(HttpMethod.Get, "/v1/contacts?limit=2&cursor=p%203", new { data = new[] { Contact("c5") } });
        using var host = Host(stub);

        var records = await host.PollAllAsync("contact_changed", cancellationToken: TestContext.Current.CancellationToken);

        records.Select(r => r.Id).ShouldBe(["c1", "c2", "c3", "c4", "c5"]);
        records[4].Record["email"]!.GetValue<string>().ShouldBe("c5@example.com");
        stub.Requests.Count.ShouldBe(3);
        stub.Requests.ShouldAllBe(r => r.Header("X-Api-Key") == "k");
    }

    [Fact]
    public async Task PollAllAsync_RepeatedCursor_FailsInsteadOfLooping()
    {
        var stub = new StubHttpHandler()
            .RouteJson(HttpMethod.Get, "/v1/contacts?limit=2", new { data = new[] { Contact("c1") }, nextCursor = "same" })
            .RouteJson(HttpMethod.Get, "/v1/contacts?limit=2&cursor=same", new { data = new[] { Contact("c2") }, nextCursor = "same" });
        using var host = Host(stub);

        var ex = await Should.ThrowAsync<InvalidOperationException>(() => host.PollAllAsync("contact_changed", cancellationToken: TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("'same' twice");
    }

    [Fact]
    public async Task RunActionAsync_OutputBreaksSchema_ThrowsSchemaViolationWithPath()
    {
        var definition = new ConnectorDefinition
        {
            Name = "json-app",
            DisplayName = "Json App",
            Actions =
            {
                Define.JsonAction("get_thing", "Gets a thing", new JsonObject { ["type"] = "object" },
                    JsonNode.Parse("""{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}}}}""")!.AsObject(),
                    (_, _, _) => Task.FromResult<JsonNode?>(JsonNode.Parse("""{"items":[{"id":"a"},{"id":7}]}"""))),
            },
        };
        using var host = new ConnectorTestHost(definition, AuthCredentials.Empty, new StubHttpHandler());

        var ex = await Should.ThrowAsync<SchemaViolationException>(() => host.RunActionAsync("get_thing", null, TestContext.Current.CancellationToken));

        ex.Path.ShouldBe("$.items[1].id");
        ex.Message.ShouldContain("json-app: actions.get_thing output");
    }

    [Fact]
    public async Task BaseAddress_PlaceholderInBaseUrl_IsFilledFromCredentials()
    {
        var definition = new ConnectorDefinition
        {
            Name = "shop-app",
            DisplayName = "Shop App",
            BaseUrl = "https://{shop}.shop.test/admin/api",
            Auth = Auth.OAuth2(o =>
            {
                o.AuthorizationUrl = "https://{shop}.shop.test/oauth/authorize";
                o.TokenUrl = "https://{shop}.shop.test/oauth/token";
                o.ConnectionParameters = [CredentialField.Text("shop", "Shop")];
                o.TokenHeaderName = "X-Shop-Token";
                o.TokenScheme = "";
            }),
            Actions = { Define.Action<Empty, Empty>("ping", "Ping", (_, ctx, ct) => ctx.Http.GetJsonAsync<Empty>("shop.json", ct)) },
        };
        var stub = new StubHttpHandler().EnqueueJson(new { });
        using var host = new ConnectorTestHost(definition,
            ConnectorTestHost.CredentialsFor(definition.Auth.Default!, new Dictionary<string, string> { ["shop"] = "acme" }, "tok"), stub);

        await host.RunActionAsync("ping", null, TestContext.Current.CancellationToken);

        stub.LastRequest.Url.ToString().ShouldBe("https://acme.shop.test/admin/api/shop.json");
        stub.LastRequest.Header("X-Shop-Token").ShouldBe("tok");
    }

    [Fact]
    public void VerifyWebhook_SignedThenTampered_ValidThenInvalid()
    {
        using var host = Host(new StubHttpHandler());
        var request = ExampleConnector.SignedDelivery("""{"id":"evt_1","type":"contact.updated","data":{"id":"c1"}}""", Secret, Now);
        var clock = new FixedClock(Now.AddSeconds(30));

        host.VerifyWebhook("contact_event", request, Secret, clock).IsValid.ShouldBeTrue();
        host.VerifyWebhook("contact_event", request, "wrong-secret", clock).IsValid.ShouldBeFalse();
        host.VerifyWebhook("contact_event", new WebhookSample(request).Tampered(), Secret, clock).Failure.ShouldBe("The signature does not match.");
        host.ExtractWebhook("contact_event", request).ShouldHaveSingleItem().Type.ShouldBe("contact.updated");
    }

    [Fact]
    public void Tampered_ChangesExactlyOneByteAndKeepsHeaders()
    {
        var sample = WebhookSample.Create("{\"id\":1}", new Dictionary<string, string> { ["X-Sig"] = "abc" });

        var tampered = sample.Tampered();

        tampered.BodyText.ShouldBe("{\"jd\":1}");
        tampered.Header("X-Sig").ShouldBe("abc");
        Encoding.UTF8.GetString(sample.Request.Body.Span).ShouldBe("{\"id\":1}");
    }

    [Fact]
    public async Task StubHttpHandler_NothingQueued_ThrowsNamingTheRequest()
    {
        using var host = Host(new StubHttpHandler());

        var ex = await Should.ThrowAsync<InvalidOperationException>(() =>
            host.RunActionAsync("create_contact", new JsonObject { ["email"] = "a@b.c" }, TestContext.Current.CancellationToken));

        ex.Message.ShouldContain("POST https://api.example-crm.test/v1/contacts");
    }

    [Fact]
    public async Task StubHttpHandler_QueueAndRoutes_ServeInOrderAndRecordEverything()
    {
        var stub = new StubHttpHandler()
            .Enqueue(HttpStatusCode.Accepted, "first")
            .Enqueue(_ => new HttpResponseMessage(HttpStatusCode.NoContent))
            .Route(HttpMethod.Get, "/health", _ => new HttpResponseMessage(HttpStatusCode.OK));
        using var client = new HttpClient(stub);

        using var r1 = await client.PostAsync("https://x.test/a?q=1", new StringContent("hello"), TestContext.Current.CancellationToken);
        using var r2 = await client.GetAsync("https://x.test/health", TestContext.Current.CancellationToken);
        using var r3 = await client.DeleteAsync("https://x.test/b", TestContext.Current.CancellationToken);

        (r1.StatusCode, r2.StatusCode, r3.StatusCode).ShouldBe((HttpStatusCode.Accepted, HttpStatusCode.OK, HttpStatusCode.NoContent));
        stub.Requests.Select(r => r.ToString()).ShouldBe(["POST https://x.test/a?q=1", "GET https://x.test/health", "DELETE https://x.test/b"]);
        stub.Requests[0].Body.ShouldBe("hello");
        stub.Requests[0].Query["q"].ShouldBe("1");
        stub.Requests[0].Header("content-type").ShouldBe("text/plain; charset=utf-8");
        stub.PendingResponses.ShouldBe(0);
    }

    public static TheoryData<string> CredentialMethods => ["bearer", "api-key"];

    [Theory]
    [MemberData(nameof(CredentialMethods))]
    public async Task RunActionAsync_RequestsToOtherOrigins_CarryNoCredentials(string kind)
    {
        AuthMethod method = kind == "bearer" ? Auth.BearerToken() : Auth.ApiKeyHeader("X-Api-Key");
        // A connector that follows links it was given: to its own host, then to another host, port and scheme.
        var definition = new ConnectorDefinition
        {
            Name = "link-app",
            DisplayName = "Link App",
            BaseUrl = "https://api.link-app.test/v1",
            Auth = method,
            Actions =
            {
                Define.JsonAction("follow", "Follows links", new JsonObject { ["type"] = "object" }, new JsonObject { ["type"] = "object" },
                    async (_, ctx, ct) =>
                    {
                        foreach (var url in new[] { "items", "https://api.link-app.test/v2/items", "https://evil.test/v1/items", "https://api.link-app.test:8443/v1/items", "http://api.link-app.test/v1/items" })
                        {
                            using var response = await ctx.Http.Client.GetAsync(url, ct);
                        }

                        return new JsonObject();
                    }),
            },
        };
        var stub = new StubHttpHandler();
        for (var i = 0; i < 5; i++)
        {
            stub.Enqueue(HttpStatusCode.OK, "{}");
        }

        var credentials = ConnectorTestHost.CredentialsFor(method, new Dictionary<string, string> { ["token"] = "tok_secret", ["api_key"] = "tok_secret" });
        using var host = new ConnectorTestHost(definition, credentials, stub);

        await host.RunActionAsync("follow", new JsonObject(), TestContext.Current.CancellationToken);

        var carried = stub.Requests.Select(r => (r.Url.ToString(), Sent: r.Headers.Values.Any(v => v.Contains("tok_secret", StringComparison.Ordinal)))).ToList();
        carried.ShouldBe([
            ("https://api.link-app.test/v1/items", true),
            ("https://api.link-app.test/v2/items", true),
            ("https://evil.test/v1/items", false),
            ("https://api.link-app.test:8443/v1/items", false),
            ("http://api.link-app.test/v1/items", false),
        ]);
        stub.Requests.Skip(2).ShouldAllBe(r => r.Header("Authorization") == null && r.Header("X-Api-Key") == null);
    }

    public sealed record Empty;

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

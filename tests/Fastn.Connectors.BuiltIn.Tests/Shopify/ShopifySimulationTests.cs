using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Shopify;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;
using Fastn.Sandbox;
using Fastn.Sandbox.Vendors.Shopify;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.Shopify;

/// <summary>The simulation alone on Kestrel (fake clock): install flow, Shopify's error bodies, the leaky bucket, Link paging and signed webhooks.</summary>
public sealed class ShopifySimulationTests : IAsyncLifetime
{
    private const string Shop = "sim-store";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly List<(byte[] Body, Dictionary<string, string> Headers)> _received = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private string _root = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddRouting();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddFastnSandbox(o => o.Add(new ShopifySandboxApp()));
        _app = builder.Build();
        _app.MapFastnSandbox();
        _app.MapPost("/receiver", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            lock (_received)
            {
                _received.Add((buffer.ToArray(), context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            }

            _arrived.Release();
            return Results.Ok();
        });
        await _app.StartAsync(TestContext.Current.CancellationToken);
        _root = _app.Urls.First();
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_root + "/sandbox/shopify/") };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    [Fact]
    public async Task Install_ConsentAndTokenExchange_IssuesAnOfflineTokenForThatShopOnly()
    {
        var token = await InstallAsync(["read_customers", "write_orders"]);

        token.ShouldStartWith("shpat_");
        (await GetAsync("customers.json?limit=1", token)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetAsync("orders.json?limit=1", token)).StatusCode.ShouldBe(HttpStatusCode.OK); // write_orders implies read_orders

        using var products = await GetAsync("products.json", token);
        products.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await products.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("requires merchant approval for read_products scope");

        using var otherShop = await _http.SendAsync(Request(HttpMethod.Get, "other-store/admin/api/2024-10/shop.json", token), TestContext.Current.CancellationToken);
        otherShop.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        JsonNode.Parse(await otherShop.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["errors"]!.GetValue<string>().ShouldContain("Invalid API key or access token");
    }

    [Fact]
    public async Task Install_Denied_RedirectsWithAccessDenied()
    {
        var ct = TestContext.Current.CancellationToken;
        var url = new Uri(_http.BaseAddress!, $"{Shop}/admin/oauth/authorize?client_id={ShopifySandboxApp.SandboxClientId}&scope=read_customers&redirect_uri=http://127.0.0.1:9/oauth/callback&state=s1");
        var html = await HtmlForms.GetPageAsync(_http, url);

        using var denied = await HtmlForms.SubmitAsync(_http, url, html, new Dictionary<string, string> { ["decision"] = "deny" });

        var location = HtmlForms.RedirectLocation(denied, url);
        location.Query.ShouldContain("error=access_denied");
        location.Query.ShouldContain("state=s1");
        using var reused = await _http.PostAsync($"{Shop}/admin/oauth/access_token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = ShopifySandboxApp.SandboxClientId, ["client_secret"] = ShopifySandboxApp.SandboxClientSecret, ["code"] = "nope",
        }), ct);
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await reused.Content.ReadAsStringAsync(ct)).ShouldContain("invalid_request");
    }

    [Fact]
    public async Task LeakyBucket_FortyFirstCallInOneInstant_Answers429WithRetryAfter_ThenLeaks()
    {
        var token = await InstallAsync(["read_customers"]);
        for (var i = 1; i <= ShopifyStore.BucketSize; i++)
        {
            using var ok = await GetAsync("shop.json", token);
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
            ok.Headers.GetValues("X-Shopify-Shop-Api-Call-Limit").Single().ShouldBe($"{i}/40");
        }

        using var limited = await GetAsync("shop.json", token);
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.GetValues("Retry-After").Single().ShouldBe("2.0");
        ShopifyApi.ToException(limited, await limited.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), TimeProvider.System)
            .ShouldBeOfType<Fastn.Connectors.Http.RateLimitedException>().RetryAfter.ShouldBe(TimeSpan.FromSeconds(2));

        _time.Advance(TimeSpan.FromSeconds(2));
        using var again = await GetAsync("shop.json", token);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.Headers.GetValues("X-Shopify-Shop-Api-Call-Limit").Single().ShouldBe("37/40");
    }

    [Fact]
    public async Task Connector_AgainstSimulation_PagesEveryCustomerOnceAndMapsErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await InstallAsync([.. ShopifyConnector.Scopes]);
        var definition = ShopifyConnector.Create(_root + "/sandbox");
        var credentials = ConnectorTestHost.CredentialsFor(definition.Auth.Default!, new Dictionary<string, string> { ["shop"] = Shop }, accessToken: token);
        using var host = new ConnectorTestHost(definition, credentials, new SocketsHttpHandler());

        var ids = new List<long>();
        string? pageInfo = null;
        do
        {
            var page = (await host.RunActionAsync("list_customers", new JsonObject { ["limit"] = 7, ["page_info"] = pageInfo }, ct))!;
            ids.AddRange(page["customers"]!.AsArray().Select(c => c!["id"]!.GetValue<long>()));
            pageInfo = page["next_page_info"]?.GetValue<string>();
        }
        while (pageInfo is not null && ids.Count < 1000);

        ids.Count.ShouldBe(30);
        ids.Distinct().Count().ShouldBe(30);

        var invalid = await Should.ThrowAsync<Fastn.Connectors.Http.ConnectorValidationException>(() =>
            host.RunActionAsync("create_customer", new JsonObject { ["email"] = "not-an-email" }, ct));
        invalid.Path.ShouldBe("$.email");

        var missing = await Should.ThrowAsync<Fastn.Connectors.Http.UpstreamException>(() => host.RunActionAsync("get_customer", new JsonObject { ["customer_id"] = 42 }, ct));
        missing.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task WebhookHook_SubscribedTopic_DeliversSignedResourceThatTheConnectorVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        var token = await InstallAsync(["read_orders"]);
        using var subscribe = await _http.SendAsync(Request(HttpMethod.Post, $"{Shop}/admin/api/2024-10/webhooks.json", token,
            new { webhook = new { topic = "orders/paid", address = _root + "/receiver", format = "json" } }), ct);
        subscribe.StatusCode.ShouldBe(HttpStatusCode.Created);

        using var sent = await _http.PostAsJsonAsync("_sandbox/webhooks/send", new { shop = Shop, topic = "orders/paid" }, ct);
        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _arrived.WaitAsync(TimeSpan.FromSeconds(10), ct)).ShouldBeTrue("no delivery arrived");

        var (body, headers) = _received.ShouldHaveSingleItem();
        headers["X-Shopify-Topic"].ShouldBe("orders/paid");
        headers["X-Shopify-Shop-Domain"].ShouldBe($"{Shop}.myshopify.com");
        var request = new WebhookRequest(body, headers);
        ShopifyWebhooks.Verify(request, new WebhookVerificationContext { SigningSecret = ShopifySandboxApp.SandboxClientSecret }).IsValid.ShouldBeTrue();
        ShopifyWebhooks.Verify(request, new WebhookVerificationContext { SigningSecret = "shpss_other" }).IsValid.ShouldBeFalse();
        var evt = ShopifyWebhooks.Extract(request).ShouldHaveSingleItem();
        evt.Id.ShouldBe(headers["X-Shopify-Webhook-Id"]);
        evt.Payload!["name"]!.GetValue<string>().ShouldBe("#1001");
        evt.OccurredAt.ShouldBe(_time.GetUtcNow());
    }

    private async Task<string> InstallAsync(IReadOnlyList<string> scopes)
    {
        var ct = TestContext.Current.CancellationToken;
        var url = new Uri(_http.BaseAddress!, $"{Shop}/admin/oauth/authorize?client_id={ShopifySandboxApp.SandboxClientId}&scope={string.Join(',', scopes)}&redirect_uri=http://127.0.0.1:9/oauth/callback&state=xyz");
        var html = await HtmlForms.GetPageAsync(_http, url);
        using var installed = await HtmlForms.SubmitAsync(_http, url, html, new Dictionary<string, string> { ["decision"] = "allow" });
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(HtmlForms.RedirectLocation(installed, url).Query);
        query["state"].ToString().ShouldBe("xyz");
        query["shop"].ToString().ShouldBe($"{Shop}.myshopify.com");

        using var exchange = await _http.PostAsJsonAsync($"{Shop}/admin/oauth/access_token", new
        {
            client_id = ShopifySandboxApp.SandboxClientId,
            client_secret = ShopifySandboxApp.SandboxClientSecret,
            code = query["code"].ToString(),
        }, ct);
        exchange.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonNode.Parse(await exchange.Content.ReadAsStringAsync(ct))!;
        json["scope"]!.GetValue<string>().ShouldBe(string.Join(',', scopes));
        json["expires_in"].ShouldBeNull();
        return json["access_token"]!.GetValue<string>();
    }

    private Task<HttpResponseMessage> GetAsync(string path, string token) =>
        _http.SendAsync(Request(HttpMethod.Get, $"{Shop}/admin/api/2024-10/{path}", token), TestContext.Current.CancellationToken);

    private static HttpRequestMessage Request(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("X-Shopify-Access-Token", token);
        return request;
    }
}

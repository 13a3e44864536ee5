using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.QuickBooks;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Connectors.Triggers;
using Fastn.Sandbox;
using Fastn.Sandbox.Vendors.QuickBooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.QuickBooks;

/// <summary>The simulation alone on Kestrel (fake clock): Intuit's token endpoint, throttling and signed webhooks.</summary>
public sealed class QuickBooksSimulationTests : IAsyncLifetime
{
    private const string Redirect = "http://127.0.0.1:9/oauth/callback";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 6, 1, 16, 0, 30, TimeSpan.Zero));
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
        builder.Services.AddFastnSandbox(o => o.Add(new QuickBooksSandboxApp()));
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
        _http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_root + "/sandbox/quickbooks/") };
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    [Fact]
    public async Task TokenEndpoint_RefreshRotatesAndWrongClientIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, refresh) = await ConnectAsync();

        using var wrongClient = await TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh }, "someone-else", "secret");
        using var refreshed = await TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });
        using var reused = await TokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh });

        wrongClient.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var tokens = JsonNode.Parse(await refreshed.Content.ReadAsStringAsync(ct))!;
        tokens["expires_in"]!.GetValue<int>().ShouldBe(3600);
        tokens["refresh_token"]!.GetValue<string>().ShouldNotBe(refresh);
        reused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonNode.Parse(await reused.Content.ReadAsStringAsync(ct))!["error"]!.GetValue<string>().ShouldBe("invalid_grant");
    }

    [Fact]
    public async Task Api_OverThePerMinuteLimit_AnswersThrottleFaultWithRetryAfter()
    {
        var ct = TestContext.Current.CancellationToken;
        var (access, _) = await ConnectAsync();
        var url = $"v3/company/{QuickBooksSandboxApp.RealmId}/companyinfo/{QuickBooksSandboxApp.RealmId}?minorversion=75";
        for (var i = 0; i < 500; i++)
        {
            using var ok = await SendAsync(url, access);
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        using var throttled = await SendAsync(url, access);
        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        throttled.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(30));
        var fault = JsonNode.Parse(await throttled.Content.ReadAsStringAsync(ct))!["Fault"]!;
        fault["Error"]![0]!["code"]!.GetValue<string>().ShouldBe("003001");

        _time.Advance(TimeSpan.FromSeconds(30));
        using var later = await SendAsync(url, access);
        later.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api_UnknownToken_AnswersAuthenticationFault()
    {
        using var response = await SendAsync($"v3/company/{QuickBooksSandboxApp.RealmId}/customer/1?minorversion=75", "not-a-token");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("\"type\":\"AuthenticationFault\"");
    }

    [Fact]
    public async Task WebhookHook_DeliversIntuitSignedNotificationThatTheConnectorVerifies()
    {
        var ct = TestContext.Current.CancellationToken;

        using var sent = await _http.PostAsJsonAsync("_sandbox/webhooks/send",
            new { targetUrl = _root + "/receiver", entities = new[] { new { name = "Customer", id = "3", operation = "Update" }, new { name = "Invoice", id = "7", operation = "Create" } } }, ct);

        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _arrived.WaitAsync(TimeSpan.FromSeconds(10), ct)).ShouldBeTrue("no delivery arrived");
        var (body, headers) = _received.ShouldHaveSingleItem();
        var request = new WebhookRequest(body, headers);
        QuickBooksWebhooks.Verify(request, new WebhookVerificationContext { SigningSecret = QuickBooksSandboxApp.SandboxVerifierToken }).IsValid.ShouldBeTrue();
        QuickBooksWebhooks.Verify(request, new WebhookVerificationContext { SigningSecret = "another-verifier" }).IsValid.ShouldBeFalse();
        var events = QuickBooksWebhooks.Extract(request);
        events.Select(e => e.Type).ShouldBe(["Customer.Update", "Invoice.Create"]);
        events[0].Payload!["realmId"]!.GetValue<string>().ShouldBe(QuickBooksSandboxApp.RealmId);
        events[0].OccurredAt.ShouldBe(_time.GetUtcNow());
    }

    private async Task<(string Access, string Refresh)> ConnectAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        var url = new Uri(_http.BaseAddress!, $"connect/oauth2?client_id={QuickBooksSandboxApp.SandboxClientId}&response_type=code&scope=com.intuit.quickbooks.accounting&redirect_uri={Uri.EscapeDataString(Redirect)}&state=xyz");
        var html = await HtmlForms.GetPageAsync(_http, url);
        using var allowed = await HtmlForms.SubmitAsync(_http, url, html, new Dictionary<string, string> { ["decision"] = "allow" });
        var query = QueryHelpers.ParseQuery(HtmlForms.RedirectLocation(allowed, url).Query);
        query["state"].ToString().ShouldBe("xyz");
        query["realmId"].ToString().ShouldBe(QuickBooksSandboxApp.RealmId);

        using var exchange = await TokenAsync(new() { ["grant_type"] = "authorization_code", ["code"] = query["code"].ToString(), ["redirect_uri"] = Redirect });
        exchange.StatusCode.ShouldBe(HttpStatusCode.OK);
        var json = JsonNode.Parse(await exchange.Content.ReadAsStringAsync(ct))!;
        return (json["access_token"]!.GetValue<string>(), json["refresh_token"]!.GetValue<string>());
    }

    private Task<HttpResponseMessage> TokenAsync(Dictionary<string, string> form, string clientId = QuickBooksSandboxApp.SandboxClientId, string secret = QuickBooksSandboxApp.SandboxClientSecret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/v1/tokens/bearer") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(clientId + ":" + secret)));
        return _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private Task<HttpResponseMessage> SendAsync(string url, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return _http.SendAsync(request, TestContext.Current.CancellationToken);
    }
}

using System.Net;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;
using Fastn.Engine.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Engine.Tests.Http;

public sealed class OutboundPipelineTests : IAsyncLifetime
{
    private StubServer _stub = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _stub = await StubServer.StartAsync();
        _services = Services(allow: $"127.0.0.1:{_stub.BaseAddress.Port}");
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task Send_LoopbackHostNotAllowed_IsRefusedBySsrfGuard()
    {
        await using var services = Services(allow: null);
        using var client = services.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectorHttpClientRegistration.ClientName);

        var ex = await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync(_stub.BaseAddress, TestContext.Current.CancellationToken));

        ex.ToString().ShouldContain("non-public address");
        _stub.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Get_ServiceUnavailableWithRetryAfter_IsRetriedThenSucceeds()
    {
        var calls = 0;
        _stub.Handler = ctx =>
        {
            if (Interlocked.Increment(ref calls) < 3)
            {
                ctx.Response.StatusCode = 503;
                ctx.Response.Headers.RetryAfter = "0";
                return Task.CompletedTask;
            }

            return ctx.Response.WriteAsync("{\"ok\":true}");
        };
        using var client = Client();

        using var response = await client.GetAsync(_stub.BaseAddress, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        calls.ShouldBe(3);
    }

    [Fact]
    public async Task Post_WithoutIdempotencyKey_IsNotRetried()
    {
        _stub.Handler = ctx => { ctx.Response.StatusCode = 503; return Task.CompletedTask; };
        using var client = Client();

        using var response = await client.PostAsync(_stub.BaseAddress, new StringContent("{}"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        _stub.Requests.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Post_WithIdempotencyKey_IsRetriedWithTheSameKey()
    {
        var calls = 0;
        _stub.Handler = ctx =>
        {
            ctx.Response.StatusCode = Interlocked.Increment(ref calls) == 1 ? 502 : 200;
            return Task.CompletedTask;
        };
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, _stub.BaseAddress) { Content = new StringContent("{}") };
        request.Headers.Add("Idempotency-Key", "run1:step1");

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        _stub.Requests.Select(r => r.IdempotencyKey).ShouldBe(["run1:step1", "run1:step1"]);
    }

    [Fact]
    public async Task AuthHandler_On401_RefreshesOnceAndResendsWithNewToken()
    {
        _stub.Handler = ctx =>
        {
            ctx.Response.StatusCode = ctx.Request.Headers.Authorization == "Bearer fresh" ? 200 : 401;
            return Task.CompletedTask;
        };
        var method = Auth.OAuth2(o => { o.AuthorizationUrl = "https://a.example/auth"; o.TokenUrl = "https://a.example/token"; });
        var stale = new AuthCredentials(AuthKind.OAuth2, "oauth2", new Dictionary<string, string>(), "stale");
        var refreshes = 0;
        string? staleSeen = null;
        using var handler = new ConnectionAuthHandler(method, _ => Task.FromResult(stale),
            (token, _) =>
            {
                refreshes++;
                staleSeen = token;
                return Task.FromResult(stale.WithAccessToken("fresh", null));
            }, null, CredentialScope.For(_stub.BaseAddress, []), _services.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(ConnectorHttpClientRegistration.ClientName));
        using var client = new HttpClient(handler, disposeHandler: false);

        using var response = await client.PostAsync(_stub.BaseAddress, new StringContent("{\"a\":1}"), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        refreshes.ShouldBe(1);
        staleSeen.ShouldBe("stale");
        _stub.Requests.Select(r => r.Authorization).ShouldBe(["Bearer stale", "Bearer fresh"]);
        _stub.Requests.Last().Body.ShouldBe("{\"a\":1}");
    }

    private HttpClient Client() => _services.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectorHttpClientRegistration.ClientName);

    private static ServiceProvider Services(string? allow)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddConnectorHttp();
        services.Configure<OutboundHttpOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            if (allow is not null)
            {
                o.AllowedPrivateHosts.Add(allow);
            }
        });
        return services.BuildServiceProvider();
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Capabilities;
using Fastn.Engine.Tests.Execution;
using Microsoft.AspNetCore.Http;

namespace Fastn.Engine.Tests.Http;

/// <summary>Credentials go only to the connection's own origin (and declared hosts), over two real loopback servers.</summary>
public sealed class CredentialScopeTests : IAsyncLifetime
{
    private const string Key = "key_live_0123456789";
    private StubServer _app = null!;
    private StubServer _elsewhere = null!;
    private readonly ConcurrentQueue<(string Server, string Path, string? ApiKey, string? Authorization)> _seen = new();

    public async ValueTask InitializeAsync()
    {
        _app = await StubServer.StartAsync();
        _elsewhere = await StubServer.StartAsync();
        _elsewhere.Handler = ctx => Answer("elsewhere", ctx);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _elsewhere.DisposeAsync();
    }

    [Fact]
    public async Task Call_NextUrlOnAnotherOrigin_IsSentWithoutCredentials()
    {
        _app.Handler = ctx => Answer("app", ctx);
        var next = new Uri(_elsewhere.BaseAddress, "page2?cursor=abc").ToString();
        await using var harness = Harness(Auth.ApiKeyHeader("X-Api-Key"), "api_key", async (ctx, ct) =>
        {
            await ctx.Http.GetJsonAsync<JsonNode?>("page1", ct);
            return await ctx.Http.GetJsonAsync<JsonNode?>(next, ct);
        });

        await harness.CallAsync("call", cancellationToken: TestContext.Current.CancellationToken);

        _seen.Select(s => (s.Server, s.ApiKey)).ShouldBe([("app", Key), ("elsewhere", null)]);
    }

    [Fact]
    public async Task Call_RedirectToAnotherOrigin_DropsApiKeyHeader()
    {
        _app.Handler = ctx =>
        {
            _seen.Enqueue(("app", ctx.Request.Path, ctx.Request.Headers["X-Api-Key"].FirstOrDefault(), ctx.Request.Headers.Authorization.FirstOrDefault()));
            ctx.Response.StatusCode = 302;
            ctx.Response.Headers.Location = new Uri(_elsewhere.BaseAddress, "landing").ToString();
            return Task.CompletedTask;
        };
        await using var harness = Harness(Auth.ApiKeyHeader("X-Api-Key"), "api_key", (ctx, ct) => ctx.Http.GetJsonAsync<JsonNode?>("start", ct));

        await harness.CallAsync("call", cancellationToken: TestContext.Current.CancellationToken);

        _seen.Select(s => (s.Server, s.Path, s.ApiKey)).ShouldBe([("app", "/start", Key), ("elsewhere", "/landing", null)]);
    }

    [Fact]
    public async Task Call_RedirectOnTheSameOrigin_ReappliesTheBearerToken()
    {
        _app.Handler = ctx =>
        {
            if (ctx.Request.Path == "/old")
            {
                _seen.Enqueue(("app", "/old", null, ctx.Request.Headers.Authorization.FirstOrDefault()));
                ctx.Response.StatusCode = 301;
                ctx.Response.Headers.Location = "/new";
                return Task.CompletedTask;
            }

            return Answer("app", ctx);
        };
        await using var harness = Harness(Auth.BearerToken(), "token", (ctx, ct) => ctx.Http.GetJsonAsync<JsonNode?>("old", ct));

        await harness.CallAsync("call", cancellationToken: TestContext.Current.CancellationToken);

        _seen.Select(s => (s.Path, s.Authorization)).ShouldBe([("/old", "Bearer " + Key), ("/new", "Bearer " + Key)]);
    }

    [Fact]
    public async Task Call_HostTheConnectorDeclares_GetsCredentials()
    {
        _app.Handler = ctx => Answer("app", ctx);
        var upload = new Uri(_elsewhere.BaseAddress, "upload").ToString();
        await using var harness = Harness(Auth.ApiKeyHeader("X-Api-Key"), "api_key", (ctx, ct) => ctx.Http.GetJsonAsync<JsonNode?>(upload, ct),
            declared: [$"127.0.0.1:{_elsewhere.BaseAddress.Port}"]);

        await harness.CallAsync("call", cancellationToken: TestContext.Current.CancellationToken);

        _seen.Select(s => (s.Server, s.ApiKey)).ShouldBe([("elsewhere", Key)]);
    }

    private Task Answer(string server, HttpContext ctx)
    {
        _seen.Enqueue((server, ctx.Request.Path, ctx.Request.Headers["X-Api-Key"].FirstOrDefault(), ctx.Request.Headers.Authorization.FirstOrDefault()));
        return ctx.Response.WriteAsync("{}");
    }

    private ExecutorHarness Harness(AuthMethod auth, string field, Func<ConnectorContext, CancellationToken, Task<JsonNode?>> handler, IReadOnlyList<string>? declared = null)
    {
        var definition = new ConnectorDefinition
        {
            Name = "scoped-app",
            DisplayName = "Scoped App",
            BaseUrl = _app.BaseAddress.ToString(),
            Auth = auth,
            Capabilities = new ConnectorCapabilities { AllowedHosts = declared ?? [] },
            Actions = { Define.JsonAction("call", "Calls the app.", ExecutorHarness.AnyObject, new JsonObject(), (_, ctx, ct) => handler(ctx, ct)) },
        };
        var credentials = new AuthCredentials(auth.Kind, auth.EffectiveId, new Dictionary<string, string> { [field] = Key });
        return ExecutorHarness.Create(definition, credentials, allowedHosts: [_app.BaseAddress, _elsewhere.BaseAddress]);
    }
}

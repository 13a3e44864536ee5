using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Engine.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Engine.Tests.Execution;

public sealed class ActionExecutorTests : IAsyncLifetime
{
    private StubServer _stub = null!;

    public async ValueTask InitializeAsync() => _stub = await StubServer.StartAsync();

    public async ValueTask DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Execute_TokenRefreshedMidCall_NewTokenIsRedactedInProblemCallLogAndLogs()
    {
        _stub.Handler = ctx =>
        {
            // The stale token is refused; with the fresh one the app echoes it back in an error body.
            ctx.Response.StatusCode = ctx.Request.Headers.Authorization == "Bearer stale_token_1" ? 401 : 422;
            return ctx.Response.WriteAsync("{\"error\":\"token " + ctx.Request.Headers.Authorization.ToString()[7..] + " may not do that\"}");
        };
        var stale = new AuthCredentials(AuthKind.OAuth2, "oauth2", new Dictionary<string, string>(), "stale_token_1");
        await using var harness = ExecutorHarness.Create(Connector(OAuth(), ctx => ctx.Http.GetJsonAsync<JsonNode?>("echo", ctx.Cancellation)), stale,
            allowedHosts: [_stub.BaseAddress]);
        harness.Broker.Refreshed = stale.WithAccessToken("fresh_token_2", null);

        var problem = await Should.ThrowAsync<FastnException>(() => harness.CallAsync("call", cancellationToken: TestContext.Current.CancellationToken));

        harness.Broker.Refreshes.ShouldBe(1);
        problem.Code.ShouldBe("fastn:upstream");
        problem.Detail.ShouldContain("token *** may not do that");
        problem.Extensions["upstreamBody"].ShouldBe("{\"error\":\"token *** may not do that\"}");
        var record = harness.Calls.ShouldHaveSingleItem();
        record.ErrorDetail.ShouldNotBeNull().ShouldNotContain("fresh_token_2");
        harness.Logs.ShouldContain(l => l.Contains("may not do that", StringComparison.Ordinal));
        harness.Logs.ShouldNotContain(l => l.Contains("fresh_token_2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_ActionOutlivesItsTimeoutOnTheInjectedClock_FailsWithTimeout()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var definition = Connector(new NoAuth(), async ctx =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ctx.Cancellation);
            return null;
        }, TimeSpan.FromHours(1));
        await using var harness = ExecutorHarness.Create(definition, AuthCredentials.Empty, time);

        var call = harness.CallAsync("call", cancellationToken: TestContext.Current.CancellationToken);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        // One hour on the fake clock, a few seconds at most on the real one.
        var problem = await Should.ThrowAsync<FastnException>(() => call.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        problem.Code.ShouldBe("fastn:timeout");
        harness.Calls.ShouldHaveSingleItem().ErrorType.ShouldBe("fastn:timeout");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Execute_ResponseLargerThanTheCap_FailsWithResponseTooLargeNamingTheLimit(bool declaresLength)
    {
        var big = "{\"items\":[" + string.Join(',', Enumerable.Repeat("\"xxxxxxxxxx\"", 500)) + "]}";
        _stub.Handler = async ctx =>
        {
            if (declaresLength)
            {
                ctx.Response.ContentLength = System.Text.Encoding.UTF8.GetByteCount(big);
            }

            // Streamed in pieces, as a large answer arrives.
            for (var i = 0; i < big.Length; i += 500)
            {
                await ctx.Response.WriteAsync(big.Substring(i, Math.Min(500, big.Length - i)));
                await ctx.Response.Body.FlushAsync();
            }
        };
        await using var harness = ExecutorHarness.Create(Connector(new NoAuth(), ctx => ctx.Http.GetJsonAsync<JsonNode?>("big", ctx.Cancellation)),
            AuthCredentials.Empty, allowedHosts: [_stub.BaseAddress], outbound: o => o.MaxResponseBytes = 1024);

        var problem = await Should.ThrowAsync<FastnException>(() => harness.CallAsync("call", cancellationToken: TestContext.Current.CancellationToken));

        problem.Code.ShouldBe("fastn:response-too-large");
        problem.Category.ShouldBe(ErrorCategory.Upstream);
        problem.Detail.ShouldContain("limit of 1 KB");
        problem.Detail.ShouldContain("Fastn:Http:MaxResponseBytes");
    }

    [Fact]
    public async Task Execute_ResponseUnderTheDefaultCap_IsReadWhole()
    {
        var items = string.Join(',', Enumerable.Range(0, 20_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        _stub.Handler = ctx => ctx.Response.WriteAsync("{\"items\":[" + items + "]}");
        await using var harness = ExecutorHarness.Create(Connector(new NoAuth(), ctx => ctx.Http.GetJsonAsync<JsonNode?>("list", ctx.Cancellation)),
            AuthCredentials.Empty, allowedHosts: [_stub.BaseAddress]);

        var result = await harness.CallAsync("call", cancellationToken: TestContext.Current.CancellationToken);

        result.Output!["items"]!.AsArray().Count.ShouldBe(20_000);
    }

    [Fact]
    public async Task Execute_ConnectorQuotesAHugeUpstreamBody_ProblemQuotesAt4KB()
    {
        var body = new string('y', 50_000);
        await using var harness = ExecutorHarness.Create(Connector(new NoAuth(), _ =>
            throw new Fastn.Connectors.Http.UpstreamException(500, body, "The app said: " + body)), AuthCredentials.Empty);

        var problem = await Should.ThrowAsync<FastnException>(() => harness.CallAsync("call", cancellationToken: TestContext.Current.CancellationToken));

        problem.Detail.Length.ShouldBeLessThanOrEqualTo(4 * 1024 + 1);
        ((string)problem.Extensions["upstreamBody"]!).Length.ShouldBeLessThanOrEqualTo(4 * 1024 + 1);
        harness.Calls.ShouldHaveSingleItem().ErrorDetail!.Length.ShouldBeLessThanOrEqualTo(4 * 1024 + 1);
    }

    internal static OAuth2Auth OAuth() => Auth.OAuth2(o => { o.AuthorizationUrl = "https://a.example/auth"; o.TokenUrl = "https://a.example/token"; });

    private ConnectorDefinition Connector(AuthMethod auth, Func<Ctx, Task<JsonNode?>> handler, TimeSpan? timeout = null) => new()
    {
        Name = "test-app",
        DisplayName = "Test App",
        BaseUrl = _stub.BaseAddress.ToString(),
        Auth = auth,
        Actions =
        {
            Define.JsonAction("call", "Calls the app.", ExecutorHarness.AnyObject, new JsonObject(),
                (_, ctx, ct) => handler(new Ctx(ctx, ct))) with { Timeout = timeout ?? TimeSpan.FromSeconds(30) },
        },
    };

    /// <summary>The connector context and the call's token, for one-line handlers.</summary>
    internal sealed record Ctx(ConnectorContext Context, CancellationToken Cancellation)
    {
        public Fastn.Connectors.Http.ConnectorHttpClient Http => Context.Http;
    }
}

using System.Net;
using Fastn.Connectors.Authentication;
using Fastn.Engine.Hosting;
using Fastn.Engine.Http;
using Fastn.Engine.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Fastn.Engine.Tests.OAuth;

/// <summary>The token client against a real token endpoint on loopback: token types, vendor errors, its own deadline.</summary>
public sealed class OAuthTokenClientTests : IAsyncLifetime
{
    private static readonly OAuthClientCredentials Client = new("client", "secret");
    private readonly FakeTimeProvider _time = new();
    private StubServer _stub = null!;
    private ServiceProvider _services = null!;

    public async ValueTask InitializeAsync()
    {
        _stub = await StubServer.StartAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddConnectorHttp();
        services.Configure<OutboundHttpOptions>(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            o.AllowedPrivateHosts.Add($"127.0.0.1:{_stub.BaseAddress.Port}");
        });
        _services = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Theory]
    [InlineData("""{"access_token":"a","token_type":"DPoP"}""", "DPoP")]
    [InlineData("""{"access_token":"a","token_type":"mac"}""", "mac")]
    [InlineData("""{"access_token":"a"}""", "no token_type")]
    public async Task Refresh_TokenTypeTheConnectorCannotUse_RefusedWithClearError(string answer, string expected)
    {
        Answer(200, answer);

        var ex = await Should.ThrowAsync<OAuthTokenException>(() => Tokens().RefreshAsync(Method(), Client, new Dictionary<string, string>(), "r", TestContext.Current.CancellationToken));

        ex.IsTransient.ShouldBeFalse();
        ex.Message.ShouldContain(expected);
        ex.Message.ShouldContain("Bearer");
    }

    [Theory]
    [InlineData("bearer")]
    [InlineData("BEARER")]
    [InlineData("Bearer")]
    public async Task Refresh_BearerInAnyCase_Accepted(string type)
    {
        Answer(200, $$"""{"access_token":"a","token_type":"{{type}}","scope":"x y"}""");

        var tokens = await Tokens().RefreshAsync(Method(), Client, new Dictionary<string, string>(), "r", TestContext.Current.CancellationToken);

        tokens.AccessToken.ShouldBe("a");
        tokens.Scope.ShouldBe("x y");
    }

    [Fact]
    public async Task Refresh_MissingTokenTypeWhenTheConnectorAllowsIt_Accepted()
    {
        Answer(200, """{"access_token":"a"}""");

        var tokens = await Tokens().RefreshAsync(Method() with { TokenTypeOptional = true }, Client, new Dictionary<string, string>(), "r", TestContext.Current.CancellationToken);

        tokens.AccessToken.ShouldBe("a");
    }

    [Fact]
    public async Task Refresh_VendorErrorBodyTheConnectorClassifies_ReadAsTheRfcCode()
    {
        Answer(400, """{"status":"BAD_REFRESH_TOKEN","message":"missing or unknown refresh token","correlationId":"c"}""");
        var method = Method() with { TokenErrorCode = (status, body) => status == HttpStatusCode.BadRequest && body.Contains("BAD_REFRESH_TOKEN", StringComparison.Ordinal) ? "invalid_grant" : null };

        var ex = await Should.ThrowAsync<OAuthTokenException>(() => Tokens().RefreshAsync(method, Client, new Dictionary<string, string>(), "r", TestContext.Current.CancellationToken));

        ex.Error.ShouldBe("invalid_grant");
        ex.RequiresReauthorization.ShouldBeTrue();
        ex.Message.ShouldContain("missing or unknown refresh token");
    }

    [Fact]
    public async Task Refresh_TokenEndpointHangs_TimesOutOnTheInjectedClock()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stub.Handler = async ctx =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        };
        var refresh = Tokens().RefreshAsync(Method(), Client, new Dictionary<string, string>(), "r", TestContext.Current.CancellationToken);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(9));

        var ex = await Should.ThrowAsync<OAuthTokenException>(() => refresh.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        ex.Error.ShouldBe("network_error");
        ex.IsTransient.ShouldBeTrue();
        ex.Message.ShouldContain("did not answer within 8 s");
    }

    [Fact]
    public async Task Revoke_AppAnswers503_ThrowsSoTheCallerCanSaySo()
    {
        Answer(503, "{}");

        var ex = await Should.ThrowAsync<OAuthTokenException>(() => Tokens().RevokeAsync(Method(), Client, new Dictionary<string, string>(), "r", "refresh_token", TestContext.Current.CancellationToken));

        ex.Status.ShouldBe(503);
        _stub.Requests.Last().Body.ShouldContain("token_type_hint=refresh_token");
    }

    private OAuthTokenClient Tokens() =>
        new(_services.GetRequiredService<IHttpClientFactory>(), _time, Options.Create(new FastnEngineOptions()));

    private OAuth2Auth Method() => new()
    {
        TokenUrl = new Uri(_stub.BaseAddress, "token").ToString(),
        RevocationUrl = new Uri(_stub.BaseAddress, "revoke").ToString(),
    };

    private void Answer(int status, string body) => _stub.Handler = async ctx =>
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body);
    };
}

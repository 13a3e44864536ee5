using System.Net;
using Fastn.Server.Tests.ConnectSessions;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>
/// Return URLs (issue 9 §3, open redirect): every surface refuses the same bad URLs before storing anything, and the
/// OAuth callback never redirects to (or fails on) a stored one that would not pass today.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ReturnUrlTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    /// <summary>URLs no surface may accept: browsers strip tabs and newlines (turning <c>/\t/host</c> into <c>//host</c>), treat <c>\</c> as <c>/</c>, and follow other sites.</summary>
    public static TheoryData<string> BadReturnUrls => new()
    {
        "/\t/127.0.0.2:5999/phish",
        "/\n/x",
        "/\r/x",
        "//evil.example",
        "/\\evil.example",
        "/ok\\..\\evil",
        "/\u007f/x",
        "/\u00a0/x",
        "/\u2028/x",
        "/\u200b/evil.example",
        "/\ufeff/evil.example",
        "\t/evil.example",
        " /x",
        "https://evil.example/",
        "https://app.example/connected/\t/x",
        "https://app.example/connected/\\x",
        "javascript:alert(1)",
        "/" + new string('a', 3000),
        "settings",
    };

    /// <summary>
    /// Accepted at the OAuth start: a same-origin path (query included) and a registered absolute URL. <c>/%0a/x</c> is a
    /// percent-encoded path: it is redirected to as sent (still encoded), so the browser requests a path, never a host.
    /// </summary>
    public static TheoryData<string> GoodStartReturnUrls => new()
    {
        "/settings/integrations?x=1",
        "/%0a/x",
        "https://app.example/connected/done?x=1",
        "https://app.example/settings",
    };

    [Theory]
    [MemberData(nameof(BadReturnUrls))]
    public async Task StartOAuth_BadReturnUrl_ValidationProblemAndNoStateStored(string returnUrl)
    {
        await ConnectBrowser.RegisterReturnUrlsAsync(Server);
        var tenant = Scenarios.NewTenant();

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connect/acme-crm", tenant, new { returnUrl });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.returnUrl");
        (await StatesOfAsync(tenant)).ShouldBe(0);
    }

    [Theory]
    [MemberData(nameof(GoodStartReturnUrls))]
    public async Task StartOAuth_GoodReturnUrl_AcceptedAndStored(string returnUrl)
    {
        await ConnectBrowser.RegisterReturnUrlsAsync(Server);
        var tenant = Scenarios.NewTenant();

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connect/acme-crm", tenant, new { returnUrl });

        var body = await response.ReadJsonAsync();
        body.GetProperty("authorizationUrl").GetString().ShouldNotBeNullOrEmpty();
        var stored = await Server.InScopeAsync(async sp => await sp.GetRequiredService<FastnDbContext>().OAuthStates
            .Where(s => s.TenantId == tenant).Select(s => s.ReturnUrl).SingleAsync(TestContext.Current.CancellationToken));
        stored.ShouldBe(returnUrl.StartsWith('/') ? returnUrl : new Uri(returnUrl).AbsoluteUri);
    }

    [Theory]
    [MemberData(nameof(BadReturnUrls))]
    public async Task CreateSession_BadReturnUrl_ValidationProblemAndNoSessionStored(string returnUrl)
    {
        await ConnectBrowser.RegisterReturnUrlsAsync(Server);
        var tenant = ConnectBrowser.NewTenant();

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connect-sessions", json: new { tenantId = tenant, returnUrl });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.returnUrl");
        var sessions = await Server.InScopeAsync(async sp => await sp.GetRequiredService<FastnDbContext>().ConnectSessions
            .CountAsync(s => s.TenantId == tenant, TestContext.Current.CancellationToken));
        sessions.ShouldBe(0);
    }

    /// <summary>A state stored before this rule (or written behind the API's back) carries a bad return URL: the callback connects, shows its page and does not redirect.</summary>
    [Theory]
    [InlineData("/\n/x")]
    [InlineData("/\t/127.0.0.2:5999/phish")]
    [InlineData("//evil.example")]
    [InlineData("https://evil.example/")]
    public async Task OAuthCallback_BadStoredReturnUrl_ConnectedPageWithoutRedirect(string stored)
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = Scenarios.NewTenant();
        using var start = await Server.SendAsync(HttpMethod.Post, "api/v1/connect/acme-crm", tenant, new { returnUrl = "/done" });
        var url = (await start.ReadJsonAsync()).GetProperty("authorizationUrl").GetString().ShouldNotBeNull();
        var updated = await Server.InScopeAsync(async sp => await sp.GetRequiredService<FastnDbContext>().OAuthStates
            .Where(s => s.TenantId == tenant).ExecuteUpdateAsync(s => s.SetProperty(x => x.ReturnUrl, stored), ct));
        updated.ShouldBe(1);
        var callback = await AcmeBrowser.AuthorizeAsync(Server.Http, url);

        using var response = await Server.Http.GetAsync(callback, ct);

        var html = await response.Content.ReadAsStringAsync(ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, html);
        response.Headers.Location.ShouldBeNull();
        html.ShouldContain("<h1 id=\"status\">Connected</h1>");
        html.ShouldNotContain("evil.example");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task OAuthCallback_GoodStoredReturnUrl_RedirectsWithConnectionId()
    {
        var tenant = Scenarios.NewTenant();
        using var start = await Server.SendAsync(HttpMethod.Post, "api/v1/connect/acme-crm", tenant, new { returnUrl = "/settings/integrations?x=1" });
        var url = (await start.ReadJsonAsync()).GetProperty("authorizationUrl").GetString().ShouldNotBeNull();
        var callback = await AcmeBrowser.AuthorizeAsync(Server.Http, url);

        using var response = await Server.Http.GetAsync(callback, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldHaveSingleItem();
        response.Headers.Location.ShouldNotBeNull().OriginalString.ShouldBe($"/settings/integrations?x=1&connection_id={id}&status=connected");
    }

    /// <summary>The hosted connect page checks a session's stored return URL again: one that fails gets no link and no refresh.</summary>
    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://app.example/connected/\n/x")]
    [InlineData("//evil.example/connected/")]
    public async Task ConnectPage_BadStoredSessionReturnUrl_ConnectedWithoutReturnLink(string stored)
    {
        var ct = TestContext.Current.CancellationToken;
        await ConnectBrowser.RegisterReturnUrlsAsync(Server);
        var tenant = ConnectBrowser.NewTenant();
        var session = await ConnectBrowser.CreateSessionAsync(Server, new { tenantId = tenant, allowedConnectors = new[] { "acme-crm" }, returnUrl = ConnectBrowser.RegisteredReturn });
        var updated = await Server.InScopeAsync(async sp => await sp.GetRequiredService<FastnDbContext>().ConnectSessions
            .Where(s => s.TenantId == tenant).ExecuteUpdateAsync(s => s.SetProperty(x => x.ReturnUrl, stored), ct));
        updated.ShouldBe(1);
        using var browser = new ConnectBrowser(Server);
        var chooser = (await browser.GetAsync(session.GetProperty("url").GetString()!)).ShouldBeHtml(HttpStatusCode.OK);
        var (action, fields) = ConnectBrowser.Form(chooser.Html, "/connect/acme-crm");
        var start = await browser.PostFormAsync(action, fields);
        var callback = await AcmeBrowser.AuthorizeAsync(browser.Http, start.Location.ShouldNotBeNull().ToString());
        var toResult = await browser.GetAsync(callback.ToString());

        var success = (await browser.GetAsync(toResult.Location.ShouldNotBeNull().ToString())).ShouldBeHtml(HttpStatusCode.OK);

        success.Heading.ShouldBe("Connected");
        success.ReturnLink.ShouldBeNull();
        success.Html.ShouldNotContain("http-equiv=\"refresh\"");
        success.Html.ShouldContain("You can close this window.");
    }

    private Task<int> StatesOfAsync(string tenant) => Server.InScopeAsync(async sp => await sp.GetRequiredService<FastnDbContext>().OAuthStates
        .CountAsync(s => s.TenantId == tenant, TestContext.Current.CancellationToken));
}

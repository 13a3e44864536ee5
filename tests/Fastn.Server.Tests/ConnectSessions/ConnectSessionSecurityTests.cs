using System.Net;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Storage;
using Fastn.Storage.ConnectSessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.ConnectSessions;

/// <summary>Expired, reused and forged links, tenant switching, connectors outside the allowed list, open redirects, forged forms.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConnectSessionSecurityTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    [Fact]
    public async Task ConnectPage_ExpiredSession_ExpiredPageAndNothingCreated()
    {
        var tenant = ConnectBrowser.NewTenant();
        var (token, id) = await CreateAsync(tenant, StubConnectors.Query);
        var csrf = await FormTokenAsync(token, StubConnectors.Query);
        await Server.InScopeAsync(async sp => await sp.GetRequiredService<FastnDbContext>().ConnectSessions
            .Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, DateTimeOffset.UtcNow.AddSeconds(-1)), TestContext.Current.CancellationToken));
        using var browser = new ConnectBrowser(Server);

        (await browser.GetAsync($"/connect?session={token}")).ShouldBeHtml(HttpStatusCode.Gone, "fastn:connect-session-expired")
            .Html.ShouldContain("expired");
        (await PostKeyAsync(browser, token, StubConnectors.Query, csrf)).ShouldBeHtml(HttpStatusCode.Gone, "fastn:connect-session-expired");

        (await ConnectionsOfAsync(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task ConnectPage_ReusedSession_SecondAttemptRefusedNothingCreated()
    {
        var tenant = ConnectBrowser.NewTenant();
        var (token, _) = await CreateAsync(tenant, StubConnectors.Query);
        var csrf = await FormTokenAsync(token, StubConnectors.Query);
        using var browser = new ConnectBrowser(Server);
        (await PostKeyAsync(browser, token, StubConnectors.Query, csrf)).ShouldBeHtml(HttpStatusCode.OK).Heading.ShouldBe("Connected");

        var second = await PostKeyAsync(browser, token, StubConnectors.Query, csrf);

        second.ShouldBeHtml(HttpStatusCode.Conflict, "fastn:connect-session-used").Html.ShouldContain("works once");
        (await ConnectionsOfAsync(tenant)).ShouldBe(1);
    }

    [Fact]
    public async Task ConnectPage_ConcurrentAttempts_ExactlyOneConnection()
    {
        var tenant = ConnectBrowser.NewTenant();
        var (token, _) = await CreateAsync(tenant, StubConnectors.Query);
        var csrf = await FormTokenAsync(token, StubConnectors.Query);
        using var browser = new ConnectBrowser(Server);

        var pages = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => PostKeyAsync(browser, token, StubConnectors.Query, csrf)));

        pages.Count(p => p.Status == HttpStatusCode.OK).ShouldBe(1);
        pages.Where(p => p.Status != HttpStatusCode.OK).ShouldAllBe(p => p.Status == HttpStatusCode.Conflict);
        (await ConnectionsOfAsync(tenant)).ShouldBe(1);
    }

    [Fact]
    public async Task ConnectPage_ForgedToken_InvalidPageAndNothingCreated()
    {
        var forged = ConnectSessionStore.TokenPrefix + new string('A', 43);
        var before = await CreatedEventsAsync();
        using var browser = new ConnectBrowser(Server);

        (await browser.GetAsync($"/connect?session={forged}")).ShouldBeHtml(HttpStatusCode.NotFound, "fastn:connect-session-invalid");
        (await browser.GetAsync("/connect")).ShouldBeHtml(HttpStatusCode.NotFound, "fastn:connect-session-invalid");
        (await browser.GetAsync($"/connect/{StubConnectors.Query}?session={forged}")).ShouldBeHtml(HttpStatusCode.NotFound, "fastn:connect-session-invalid");
        var post = await PostKeyAsync(browser, forged, StubConnectors.Query, "whatever");
        post.ShouldBeHtml(HttpStatusCode.NotFound, "fastn:connect-session-invalid");
        (await CreatedEventsAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task ConnectPage_ConnectorNotAllowed_RefusedOnPageAndDirectPost()
    {
        var tenant = ConnectBrowser.NewTenant();
        var (token, _) = await CreateAsync(tenant, StubConnectors.Query);
        var csrf = await FormTokenAsync(token, StubConnectors.Query);
        using var browser = new ConnectBrowser(Server);

        var chooser = await browser.GetAsync($"/connect?session={token}");
        chooser.Html.ShouldNotContain($"data-connector=\"{StubConnectors.Header}\"");
        (await browser.GetAsync($"/connect/{StubConnectors.Header}?session={token}")).ShouldBeHtml(HttpStatusCode.Forbidden, "fastn:connector-not-allowed")
            .Html.ShouldContain("is not one of the apps this connect link offers");
        (await PostKeyAsync(browser, token, StubConnectors.Header, csrf)).ShouldBeHtml(HttpStatusCode.Forbidden, "fastn:connector-not-allowed");
        (await PostKeyAsync(browser, token, "acme-crm", csrf)).ShouldBeHtml(HttpStatusCode.Forbidden, "fastn:connector-not-allowed");

        (await ConnectionsOfAsync(tenant)).ShouldBe(0);
        // The refusals did not spend the link.
        (await PostKeyAsync(browser, token, StubConnectors.Query, csrf)).ShouldBeHtml(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ConnectPage_MissingOrWrongFormToken_RefusedInlineNothingCreated()
    {
        var tenant = ConnectBrowser.NewTenant();
        var (token, _) = await CreateAsync(tenant, StubConnectors.Query);
        using var browser = new ConnectBrowser(Server);

        var missing = await browser.PostFormAsync($"/connect/{StubConnectors.Query}?session={token}", new Dictionary<string, string> { ["api_key"] = "k-1" });
        var wrong = await PostKeyAsync(browser, token, StubConnectors.Query, "forged-value");

        missing.ShouldBeHtml(HttpStatusCode.Forbidden, "fastn:connect-form-invalid");
        wrong.ShouldBeHtml(HttpStatusCode.Forbidden, "fastn:connect-form-invalid");
        wrong.Html.ShouldContain("<form method=\"post\"");
        (await ConnectionsOfAsync(tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task ConnectPage_MissingCredential_FormShownAgainWithErrorAndLinkStillUsable()
    {
        var tenant = ConnectBrowser.NewTenant();
        var (token, _) = await CreateAsync(tenant, StubConnectors.Query);
        var csrf = await FormTokenAsync(token, StubConnectors.Query);
        using var browser = new ConnectBrowser(Server);

        var page = await browser.PostFormAsync($"/connect/{StubConnectors.Query}?session={token}",
            new Dictionary<string, string> { [Fastn.Server.ConnectPage.ConnectPageHtml.FormTokenField] = csrf, ["api_key"] = "" });

        page.ShouldBeHtml(HttpStatusCode.BadRequest, "fastn:validation");
        page.Html.ShouldContain("is required");
        page.Html.ShouldContain("<label for=\"f-api_key\">");
        (await ConnectionsOfAsync(tenant)).ShouldBe(0);
        (await PostKeyAsync(browser, token, StubConnectors.Query, csrf)).ShouldBeHtml(HttpStatusCode.OK).Heading.ShouldBe("Connected");
    }

    [Fact]
    public async Task ConnectResult_OtherBrowserWithoutCookie_InvalidPage()
    {
        var (_, id) = await CreateAsync(ConnectBrowser.NewTenant(), "acme-crm");
        using var browser = new ConnectBrowser(Server);

        var page = await browser.GetAsync($"/connect/result?cs={id}&connection_id=conn_x&status=connected");

        page.ShouldBeHtml(HttpStatusCode.NotFound, "fastn:connect-session-invalid");
    }

    [Theory]
    [InlineData("https://evil.example/connected/")]
    [InlineData("https://app.example.evil.example/connected/")]
    [InlineData("https://app.example/connectedx")]
    [InlineData("https://app.example/other")]
    [InlineData("http://app.example/connected/")]
    [InlineData("https://app.example:8443/connected/")]
    [InlineData("https://user@app.example/connected/")]
    [InlineData("https://app.example/connected/#x")]
    [InlineData("/connected/")]
    [InlineData("javascript:alert(1)")]
    public async Task CreateSession_UnregisteredReturnUrl_ValidationProblemNothingCreated(string returnUrl)
    {
        await ConnectBrowser.RegisterReturnUrlsAsync(Server);
        var tenant = ConnectBrowser.NewTenant();

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connect-sessions", json: new { tenantId = tenant, returnUrl });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.returnUrl");
        problem.GetProperty("detail").GetString()!.ShouldContain("open redirect");
        var sessions = await Server.InScopeAsync(async sp => await sp.GetRequiredService<FastnDbContext>().ConnectSessions
            .CountAsync(s => s.TenantId == tenant, TestContext.Current.CancellationToken));
        sessions.ShouldBe(0);
    }

    [Theory]
    [InlineData("https://app.example/connected/")]
    [InlineData("https://APP.example/connected/a/b?x=1")]
    [InlineData("https://app.example/settings")]
    [InlineData("https://app.example/settings?tab=apps")]
    public async Task CreateSession_RegisteredReturnUrl_Accepted(string returnUrl)
    {
        await ConnectBrowser.RegisterReturnUrlsAsync(Server);

        var session = await ConnectBrowser.CreateSessionAsync(Server, new { tenantId = ConnectBrowser.NewTenant(), returnUrl });

        session.GetProperty("returnUrl").GetString().ShouldBe(new Uri(returnUrl).AbsoluteUri);
    }

    [Fact]
    public async Task CreateSession_UnknownConnector_ValidationProblemNamingIndex()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connect-sessions",
            json: new { tenantId = ConnectBrowser.NewTenant(), allowedConnectors = new[] { "acme-crm", "no-such-app" } });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.allowedConnectors[1]");
        problem.GetProperty("detail").GetString()!.ShouldContain("no-such-app");
    }

    [Theory]
    [InlineData(null, null, "$.tenantId")]
    [InlineData("bad tenant!", null, "$.tenantId")]
    [InlineData("ok-tenant", 86401, "$.expiresInSeconds")]
    [InlineData("ok-tenant", 0, "$.expiresInSeconds")]
    public async Task CreateSession_BadInput_ValidationProblem(string? tenantId, int? expiresInSeconds, string path)
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connect-sessions", json: new { tenantId, expiresInSeconds });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe(path);
    }

    [Fact]
    public async Task CreateSession_NoApiKey_Unauthenticated()
    {
        using var response = await Server.Http.PostAsync("api/v1/connect-sessions", new StringContent("{\"tenantId\":\"x\"}", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "fastn:unauthenticated");
    }

    [Fact]
    public async Task CreateSession_TokenStoredOnlyAsHash()
    {
        var session = await ConnectBrowser.CreateSessionAsync(Server, new { tenantId = ConnectBrowser.NewTenant(), expiresInSeconds = 120 });
        var token = session.GetProperty("token").GetString()!;
        var id = session.GetProperty("id").GetString()!;

        var row = await Server.InScopeAsync(async sp => await sp.GetRequiredService<FastnDbContext>().ConnectSessions.AsNoTracking()
            .SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken));

        row.TokenHash.ShouldBe(ConnectSessionStore.Hash(token));
        row.TokenHash.ShouldNotContain(token);
        (row.ExpiresAt - row.CreatedAt).ShouldBe(TimeSpan.FromSeconds(120));
        token.ShouldMatch("^cst_[A-Za-z0-9_-]{43}$");
    }

    private async Task<(string Token, string Id)> CreateAsync(string tenant, params string[] allowed)
    {
        var session = await ConnectBrowser.CreateSessionAsync(Server, new { tenantId = tenant, allowedConnectors = allowed });
        return (session.GetProperty("token").GetString()!, session.GetProperty("id").GetString()!);
    }

    private async Task<string> FormTokenAsync(string token, string connector)
    {
        using var browser = new ConnectBrowser(Server);
        var form = (await browser.GetAsync($"/connect/{connector}?session={token}")).ShouldBeHtml(HttpStatusCode.OK);
        return ConnectBrowser.Form(form.Html, $"/connect/{connector}").Fields[Fastn.Server.ConnectPage.ConnectPageHtml.FormTokenField];
    }

    private static Task<Page> PostKeyAsync(ConnectBrowser browser, string token, string connector, string csrf) =>
        browser.PostFormAsync($"/connect/{connector}?session={token}",
            new Dictionary<string, string> { [Fastn.Server.ConnectPage.ConnectPageHtml.FormTokenField] = csrf, ["api_key"] = "k-" + Guid.NewGuid().ToString("N")[..8] });

    private Task<int> CreatedEventsAsync() => Server.InScopeAsync(sp => sp.GetRequiredService<FastnDbContext>().Events
        .CountAsync(e => e.Type == "connection.created", TestContext.Current.CancellationToken));

    private async Task<int> ConnectionsOfAsync(string tenant)
    {
        using var list = await Server.SendAsync(HttpMethod.Get, "api/v1/connections", tenant);
        return (await list.ReadJsonAsync()).GetArrayLength();
    }
}

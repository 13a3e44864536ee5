using System.Net;
using Fastn.Samples.Acme;
using Fastn.Server.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Fastn.Server.Tests.ConnectSessions;

/// <summary>The "Done means": a backend creates a session, the end customer connects on the hosted page, the backend sees the event and calls an action.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConnectSessionFlowTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    [Fact]
    public async Task HostedPage_AcmeOAuth_ConnectsRedirectsBackAndRunsAction()
    {
        var tenant = ConnectBrowser.NewTenant();
        await ConnectBrowser.RegisterReturnUrlsAsync(Server);
        using (var patch = await Server.SendAsync(HttpMethod.Patch, "api/v1/workspace", json: new { name = "Northwind Books", logoUrl = "https://cdn.example/northwind.png" }))
        {
            (await patch.ReadJsonAsync()).GetProperty("name").GetString().ShouldBe("Northwind Books");
        }

        var session = await ConnectBrowser.CreateSessionAsync(Server, new
        {
            tenantId = tenant,
            allowedConnectors = new[] { "acme-crm" },
            returnUrl = ConnectBrowser.RegisteredReturn + "done?step=2",
        });
        var token = session.GetProperty("token").GetString().ShouldNotBeNull();
        token.Length.ShouldBeGreaterThanOrEqualTo(43);
        session.GetProperty("url").GetString().ShouldBe($"{Server.BaseUrl}/connect?session={token}");
        session.GetProperty("tenantId").GetString().ShouldBe(tenant);
        session.GetProperty("allowedConnectors").EnumerateArray().Select(c => c.GetString()).ShouldBe(["acme-crm"]);
        session.GetProperty("expiresAt").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(29), DateTimeOffset.UtcNow.AddMinutes(31));

        using var browser = new ConnectBrowser(Server);
        var chooser = (await browser.GetAsync(session.GetProperty("url").GetString()!)).ShouldBeHtml(HttpStatusCode.OK);
        chooser.Html.ShouldContain("Northwind Books");
        chooser.Html.ShouldContain("<img src=\"https://cdn.example/northwind.png\" alt=\"Northwind Books logo\">");
        chooser.Html.ShouldContain("data-connector=\"acme-crm\"");
        chooser.Html.ShouldNotContain("data-connector=\"stub-query\"");
        chooser.Html.ShouldNotContain(Server.AdminKey);
        var (action, fields) = ConnectBrowser.Form(chooser.Html, "/connect/acme-crm");

        var start = await browser.PostFormAsync(action, fields);
        start.Status.ShouldBe(HttpStatusCode.Redirect, start.Html);
        var authorize = start.Location.ShouldNotBeNull().ToString();
        authorize.ShouldStartWith(Server.BaseUrl + "/sandbox/acme/");
        var callback = await AcmeBrowser.AuthorizeAsync(browser.Http, authorize);
        callback.GetLeftPart(UriPartial.Path).ShouldBe(Server.BaseUrl + "/oauth/callback");

        var toResult = await browser.GetAsync(callback.ToString());
        toResult.Status.ShouldBe(HttpStatusCode.Redirect, toResult.Html);
        var resultUrl = toResult.Location.ShouldNotBeNull().ToString();
        resultUrl.ShouldStartWith("/connect/result?cs=");
        var success = (await browser.GetAsync(resultUrl)).ShouldBeHtml(HttpStatusCode.OK);
        success.Heading.ShouldBe("Connected");
        success.Html.ShouldContain("Acme CRM");
        var connectionId = success.ConnectionId.ShouldNotBeNull();
        success.ReturnLink.ShouldBe($"{ConnectBrowser.RegisteredReturn}done?step=2&connection_id={connectionId}&connector=acme-crm");
        success.Html.ShouldContain($"<meta http-equiv=\"refresh\" content=\"2;url={WebUtility.HtmlEncode(success.ReturnLink)}\">");

        // The workspace's backend learns about it from the events.
        using (var events = await Server.SendAsync(HttpMethod.Get, "api/v1/events?type=connection.created"))
        {
            var created = (await events.ReadJsonAsync()).GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("subject").GetString() == connectionId).ShouldHaveSingleItem();
            created.GetProperty("tenantId").GetString().ShouldBe(tenant);
            created.GetProperty("data").GetProperty("connector").GetString().ShouldBe("acme-crm");
        }

        using (var events = await Server.SendAsync(HttpMethod.Get, "api/v1/events?type=connect_session.completed"))
        {
            var completed = (await events.ReadJsonAsync()).GetProperty("items").EnumerateArray()
                .Where(e => e.GetProperty("subject").GetString() == connectionId).ShouldHaveSingleItem();
            completed.GetProperty("data").GetProperty("connectSessionId").GetString().ShouldBe(session.GetProperty("id").GetString());
        }

        using var call = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{connectionId}/actions/list_contacts", tenant, new { limit = 3 });
        var contacts = (await call.ReadJsonAsync()).GetProperty("data").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        contacts.ShouldBe(Server.Get<AcmeState>().Contacts.List(3).Data.Select(c => c.Id));

        // The link is spent: opening it again says so.
        (await browser.GetAsync($"/connect?session={token}")).ShouldBeHtml(HttpStatusCode.Conflict, "fastn:connect-session-used");
    }

    [Fact]
    public async Task HostedPage_ApiKeyConnector_FormCreatesConnectionForSessionTenantOnly()
    {
        var tenant = ConnectBrowser.NewTenant();
        var other = ConnectBrowser.NewTenant();
        var session = await ConnectBrowser.CreateSessionAsync(Server, new { tenantId = tenant, allowedConnectors = new[] { StubConnectors.Query } });
        var token = session.GetProperty("token").GetString()!;
        using var browser = new ConnectBrowser(Server);

        var chooser = (await browser.GetAsync($"/connect?session={token}")).ShouldBeHtml(HttpStatusCode.OK);
        chooser.Html.ShouldContain($"<a class=\"app\" href=\"/connect/{StubConnectors.Query}?session={token}\"");
        var form = (await browser.GetAsync($"/connect/{StubConnectors.Query}?session={token}")).ShouldBeHtml(HttpStatusCode.OK);
        form.Html.ShouldContain("<label for=\"f-api_key\">API key</label><input id=\"f-api_key\" name=\"api_key\" type=\"password\" required");
        var (action, fields) = ConnectBrowser.Form(form.Html, $"/connect/{StubConnectors.Query}");
        fields["api_key"] = "k-session-form";
        // Attempts to pick another tenant: form field, query parameter and the API's tenant header are all ignored.
        fields["tenantId"] = other;
        fields["tenant"] = other;

        var result = await browser.PostFormAsync(action + "&tenantId=" + other, fields, r => r.Headers.Add("x-fastn-space-tenantid", other));

        result.ShouldBeHtml(HttpStatusCode.OK);
        result.Heading.ShouldBe("Connected");
        result.Html.ShouldContain("Stub stub-query");
        result.ReturnLink.ShouldBeNull();
        var id = result.ConnectionId.ShouldNotBeNull();
        (await ListConnectionsAsync(tenant)).ShouldBe([id]);
        (await ListConnectionsAsync(other)).ShouldBeEmpty();
        using var echo = await Server.SendAsync(HttpMethod.Post, $"api/v1/connections/{id}/actions/echo", tenant, new { });
        (await echo.ReadJsonAsync()).GetProperty("app").GetString().ShouldBe("stub");
        fixture.Stub.RequestsTo("/echo").ShouldContain(r => r.QueryApiKey == "k-session-form");
    }

    [Fact]
    public async Task HostedPage_ReturnUrlUnregisteredAfterTheSessionWasCreated_NoReturnLink()
    {
        await ConnectBrowser.RegisterReturnUrlsAsync(Server);
        var tenant = ConnectBrowser.NewTenant();
        var session = await ConnectBrowser.CreateSessionAsync(Server, new
        {
            tenantId = tenant,
            allowedConnectors = new[] { StubConnectors.Query },
            returnUrl = ConnectBrowser.RegisteredReturn + "done",
        });
        var token = session.GetProperty("token").GetString()!;
        using var browser = new ConnectBrowser(Server);
        var form = (await browser.GetAsync($"/connect/{StubConnectors.Query}?session={token}")).ShouldBeHtml(HttpStatusCode.OK);
        var (action, fields) = ConnectBrowser.Form(form.Html, $"/connect/{StubConnectors.Query}");
        fields["api_key"] = "k-unregistered-return";
        // The workspace drops the URL while the user is on the page.
        using (var put = await Server.SendAsync(HttpMethod.Put, "api/v1/workspace/redirect-urls", json: new { urls = Array.Empty<string>() }))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        try
        {
            var result = (await browser.PostFormAsync(action, fields)).ShouldBeHtml(HttpStatusCode.OK);

            result.Heading.ShouldBe("Connected");
            result.ConnectionId.ShouldNotBeNull();
            result.ReturnLink.ShouldBeNull("a return URL no longer registered sends nobody there");
            result.Html.ShouldNotContain("app.example/connected/done");
        }
        finally
        {
            await ConnectBrowser.RegisterReturnUrlsAsync(Server);
        }
    }

    [Fact]
    public async Task OpenSession_InTheConnectPagesSystemScope_NarrowsTheScopeToTheSessionsTenant()
    {
        var tenant = ConnectBrowser.NewTenant();
        var token = (await ConnectBrowser.CreateSessionAsync(Server, new { tenantId = tenant })).GetProperty("token").GetString()!;

        var (workspace, scopedTenant, system) = await Server.InScopeAsync(async services =>
        {
            var scope = services.GetRequiredService<Fastn.Storage.TenantScope>();
            using (scope.AsSystem("the connect page, as its endpoint filter runs it"))
            {
                await services.GetRequiredService<Fastn.Engine.ConnectSessions.ConnectSessionService>().OpenAsync(token, TestContext.Current.CancellationToken);
                return (scope.WorkspaceId, scope.TenantId, scope.SystemReason);
            }
        });

        workspace.ShouldNotBeNull();
        scopedTenant.ShouldBe(tenant);
        system.ShouldBeNull("after the token named a session, the page sees only that session's tenant");
    }

    [Fact]
    public async Task HostedPage_PhoneWidth_ViewportLabelsAndNoScripts()
    {
        var session = await ConnectBrowser.CreateSessionAsync(Server, new { tenantId = ConnectBrowser.NewTenant() });
        var token = session.GetProperty("token").GetString()!;
        using var browser = new ConnectBrowser(Server);

        var chooser = (await browser.GetAsync($"/connect?session={token}")).ShouldBeHtml(HttpStatusCode.OK);
        var form = (await browser.GetAsync($"/connect/{StubConnectors.Header}?session={token}")).ShouldBeHtml(HttpStatusCode.OK);

        foreach (var page in new[] { chooser, form })
        {
            page.Html.ShouldContain("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
            page.Html.ShouldNotContain("<script", Case.Insensitive);
            page.Html.ShouldContain("max-width:30rem");
        }

        // With no allowed list every connector is offered, the sandbox app and the test stubs among them.
        chooser.Html.ShouldContain("data-connector=\"acme-crm\"");
        chooser.Html.ShouldContain($"data-connector=\"{StubConnectors.Header}\"");
        var inputs = System.Text.RegularExpressions.Regex.Matches(form.Html, "<input id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        inputs.ShouldNotBeEmpty();
        inputs.ShouldAllBe(id => form.Html.Contains($"<label for=\"{id}\">"));
    }

    private async Task<List<string?>> ListConnectionsAsync(string tenant)
    {
        using var list = await Server.SendAsync(HttpMethod.Get, "api/v1/connections", tenant);
        return [.. (await list.ReadJsonAsync()).EnumerateArray().Select(c => c.GetProperty("id").GetString())];
    }
}

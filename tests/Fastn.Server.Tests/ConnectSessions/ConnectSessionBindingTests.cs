using System.Net;
using Fastn.Server.Tests.Infrastructure;
using Fastn.Server.Tests.PlatformCore;

namespace Fastn.Server.Tests.ConnectSessions;

/// <summary>RFC 9700 §4.7.1: the hosted page's OAuth flow only completes in the browser that opened the connect link.</summary>
[Collection(ServerCollection.Name)]
public sealed class ConnectSessionBindingTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    [Fact]
    public async Task OAuthCallback_ConsentForwardedToAnotherBrowser_NothingCreatedAndTheLinkStillWorks()
    {
        var tenant = ConnectBrowser.NewTenant();
        var session = await ConnectBrowser.CreateSessionAsync(Server, new { tenantId = tenant, allowedConnectors = new[] { "acme-crm" } });
        using var owner = new ConnectBrowser(Server);
        var chooser = (await owner.GetAsync(session.GetProperty("url").GetString()!)).ShouldBeHtml(HttpStatusCode.OK);
        var (action, fields) = ConnectBrowser.Form(chooser.Html, "/connect/acme-crm");
        var start = await owner.PostFormAsync(action, fields);
        var authorize = start.Location.ShouldNotBeNull().ToString();

        // The consent link is completed in a browser that never opened the connect link (no connect cookie).
        using var other = new ConnectBrowser(Server);
        var callback = await AcmeBrowser.AuthorizeAsync(other.Http, authorize);
        var page = await other.GetAsync(callback.ToString());

        page.Status.ShouldBe(HttpStatusCode.Forbidden, page.Html);
        page.Html.ShouldContain("different browser");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();

        // The owner can still connect with the same link.
        var again = await owner.PostFormAsync(action, fields);
        var ownCallback = await AcmeBrowser.AuthorizeAsync(owner.Http, again.Location.ShouldNotBeNull().ToString());
        var toResult = await owner.GetAsync(ownCallback.ToString());
        toResult.Status.ShouldBe(HttpStatusCode.Redirect, toResult.Html);
        (await owner.GetAsync(toResult.Location.ShouldNotBeNull().ToString())).ShouldBeHtml(HttpStatusCode.OK).Heading.ShouldBe("Connected");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).Count.ShouldBe(1);
    }
}

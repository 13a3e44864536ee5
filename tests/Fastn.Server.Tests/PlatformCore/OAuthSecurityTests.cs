using System.Net;
using Fastn.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;

namespace Fastn.Server.Tests.PlatformCore;

/// <summary>The OAuth connect flow refuses replayed, forged, denied and redirected attempts.</summary>
[Collection(ServerCollection.Name)]
public sealed class OAuthSecurityTests(ServerFixture fixture)
{
    private FastnTestServer Server => fixture.Server;

    [Fact]
    public async Task OAuthCallback_ReplayedState_NotConnectedAndStillExactlyOneConnection()
    {
        var tenant = Scenarios.NewTenant();
        var callback = await AcmeBrowser.AuthorizeAsync(Server.Http, await AcmeBrowser.StartAsync(Server, tenant));
        var first = await AcmeBrowser.OpenCallbackAsync(Server.Http, callback);
        first.Heading.ShouldBe("Connected");

        var replay = await AcmeBrowser.OpenCallbackAsync(Server.Http, callback);

        replay.Status.ShouldBe(HttpStatusCode.BadRequest);
        replay.Heading.ShouldBe("Not connected");
        replay.ConnectionId.ShouldBeNull();
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBe([first.ConnectionId!]);
    }

    [Fact]
    public async Task OAuthCallback_ForgedState_NotConnectedAndTheRealAttemptStillWorks()
    {
        var tenant = Scenarios.NewTenant();
        var callback = await AcmeBrowser.AuthorizeAsync(Server.Http, await AcmeBrowser.StartAsync(Server, tenant));
        var query = QueryHelpers.ParseQuery(callback.Query);
        var state = query["state"].ToString();
        var forgedState = state[..^2] + (state[^2..] == "AA" ? "BB" : "AA");

        var forged = await AcmeBrowser.OpenCallbackAsync(Server.Http,
            new Uri(QueryHelpers.AddQueryString(Server.BaseUrl + "/oauth/callback", new Dictionary<string, string?> { ["code"] = query["code"], ["state"] = forgedState })));
        var noState = await AcmeBrowser.OpenCallbackAsync(Server.Http, new Uri($"{Server.BaseUrl}/oauth/callback?code={query["code"]}"));

        forged.Status.ShouldBe(HttpStatusCode.BadRequest);
        forged.Heading.ShouldBe("Not connected");
        noState.Status.ShouldBe(HttpStatusCode.BadRequest);
        noState.Heading.ShouldBe("Not connected");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
        var real = await AcmeBrowser.OpenCallbackAsync(Server.Http, callback);
        real.Heading.ShouldBe("Connected");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBe([real.ConnectionId!]);
    }

    [Fact]
    public async Task OAuthCallback_UserDeniesConsent_NotConnectedAndNoConnectionCreated()
    {
        var tenant = Scenarios.NewTenant();
        var callback = await AcmeBrowser.AuthorizeAsync(Server.Http, await AcmeBrowser.StartAsync(Server, tenant), decision: "deny");
        QueryHelpers.ParseQuery(callback.Query)["error"].ToString().ShouldBe("access_denied");

        var page = await AcmeBrowser.OpenCallbackAsync(Server.Http, callback);

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.Heading.ShouldBe("Not connected");
        page.Html.ShouldContain("access_denied");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("http://evil.example/oauth/callback")]
    [InlineData("http://127.0.0.1:1/oauth/callback/../steal")]
    [InlineData("http://127.0.0.1:1/oauth/callback?next=http://evil.example")]
    public async Task Authorize_TamperedRedirectUri_AcmeShowsAnErrorAndDoesNotRedirect(string redirectUri)
    {
        var tenant = Scenarios.NewTenant();
        var url = await AcmeBrowser.StartAsync(Server, tenant);
        var uri = new Uri(url);
        var query = QueryHelpers.ParseQuery(uri.Query).ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
        query["redirect_uri"] = redirectUri;
        var tampered = QueryHelpers.AddQueryString(uri.GetLeftPart(UriPartial.Path), query);

        using var response = await Server.Http.GetAsync(tampered, TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("redirect");
        (await Scenarios.ConnectionIdsAsync(Server, tenant)).ShouldBeEmpty();
    }

    [Fact]
    public async Task StartOAuth_ReturnUrlOnAnotherSite_ValidationProblem()
    {
        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connect/acme-crm", Scenarios.NewTenant(), new { returnUrl = "https://evil.example/after" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "fastn:validation");
        problem.GetProperty("path").GetString().ShouldBe("$.returnUrl");
    }

    [Fact]
    public async Task StartOAuth_ReconnectOtherTenantsConnection_NotFound()
    {
        var owner = Scenarios.NewTenant();
        var id = await AcmeBrowser.ConnectAsync(Server, owner);

        using var response = await Server.SendAsync(HttpMethod.Post, "api/v1/connect/acme-crm", Scenarios.NewTenant(), new { connectionId = id });

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "fastn:not-found");
    }
}

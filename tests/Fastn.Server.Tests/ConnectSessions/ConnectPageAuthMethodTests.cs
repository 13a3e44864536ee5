using System.Net;
using Fastn.Connectors.Authentication;
using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.ConnectSessions;

/// <summary>The hosted connect page offers every auth method a connector has, not only its default.</summary>
public sealed class ConnectPageAuthMethodTests
{
    [Fact]
    public async Task HostedPage_TwoAuthMethods_OffersBoth_AndConnectsWithTheOneChosen()
    {
        await using var stub = await StubApp.StartAsync();
        await using var server = await FastnTestServer.StartAsync(new FastnTestServerOptions
        {
            Connectors = [StubConnectors.Create("stub-two", stub.BaseUrl, Auth.OneOf(Auth.ApiKeyHeader("X-Api-Key"), Auth.BearerToken()))],
            AllowedPrivateHosts = [stub.Authority],
        });
        var tenant = ConnectBrowser.NewTenant();
        var session = await ConnectBrowser.CreateSessionAsync(server, new { tenantId = tenant, allowedConnectors = new[] { "stub-two" } });
        var token = session.GetProperty("token").GetString()!;
        using var browser = new ConnectBrowser(server);

        // The default method's form names both methods; the other one is a link to its own form.
        var first = (await browser.GetAsync($"/connect/stub-two?session={Uri.EscapeDataString(token)}")).ShouldBeHtml(HttpStatusCode.OK);
        first.Html.ShouldContain("data-auth-method=\"apikey\"");
        first.Html.ShouldContain("data-auth-method=\"bearertoken\"");
        first.Html.ShouldContain("name=\"api_key\"");
        first.Html.ShouldNotContain("name=\"token\"");

        // A method the connector does not have is refused with the ones it has (before the single-use link is spent).
        var unknown = await browser.GetAsync($"/connect/stub-two?session={Uri.EscapeDataString(token)}&method=carrier-pigeon");
        unknown.Status.ShouldBe(HttpStatusCode.BadRequest);
        unknown.Html.ShouldContain("apikey, bearertoken");

        var bearer = (await browser.GetAsync($"/connect/stub-two?session={Uri.EscapeDataString(token)}&method=bearertoken")).ShouldBeHtml(HttpStatusCode.OK);
        bearer.Html.ShouldContain("name=\"token\"");
        bearer.Html.ShouldNotContain("name=\"api_key\"");
        var (action, fields) = ConnectBrowser.Form(bearer.Html, "/connect/stub-two");
        fields["auth_method"].ShouldBe("bearertoken");
        fields["token"] = "bearer-secret-1";

        var done = (await browser.PostFormAsync(action, fields)).ShouldBeHtml(HttpStatusCode.OK);
        done.Heading.ShouldBe("Connected");
        var connectionId = done.ConnectionId.ShouldNotBeNull();
        using var connection = await server.SendAsync(HttpMethod.Get, $"api/v1/connections/{connectionId}", tenant);
        (await connection.ReadJsonAsync()).GetProperty("authMethod").GetString().ShouldBe("bearertoken");

    }
}

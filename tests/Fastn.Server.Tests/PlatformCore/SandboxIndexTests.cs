using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fastn.Sandbox.Vendors.Stripe;
using Fastn.Server.Tests.Infrastructure;

namespace Fastn.Server.Tests.PlatformCore;

[Collection(ServerCollection.Name)]
public sealed class SandboxIndexTests(ServerFixture fixture)
{
    [Fact]
    public async Task SandboxIndex_EveryListedAppUrl_Answers200()
    {
        var ct = TestContext.Current.CancellationToken;
        using var index = JsonDocument.Parse(await fixture.Server.Http.GetStringAsync("sandbox", ct));
        var apps = index.RootElement.GetProperty("apps").EnumerateArray().ToList();
        apps.Count.ShouldBeGreaterThanOrEqualTo(9);

        foreach (var app in apps)
        {
            var url = app.GetProperty("url").GetString().ShouldNotBeNull();
            using var response = await fixture.Server.Http.GetAsync(url, ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        }
    }

    [Fact]
    public async Task SandboxIndex_BrowserPage_EveryLinkedAppAnswersWithoutNotFound()
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Get, "sandbox");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        using var page = await fixture.Server.Http.SendAsync(request, ct);
        var links = Regex.Matches(await page.Content.ReadAsStringAsync(ct), "<a href=\"([^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        links.Count.ShouldBeGreaterThanOrEqualTo(9);

        foreach (var link in links)
        {
            // As a browser following the link asks.
            using var follow = new HttpRequestMessage(HttpMethod.Get, link);
            follow.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
            using var response = await fixture.Server.Http.SendAsync(follow, ct);
            response.StatusCode.ShouldNotBe(HttpStatusCode.NotFound, link);
            ((int)response.StatusCode).ShouldBeLessThan(400, link);
        }
    }

    [Fact]
    public async Task SandboxIndex_Browser_GetsHtmlWithEachAppsTestCredentials()
    {
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Get, "sandbox");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await fixture.Server.Http.SendAsync(request, ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("text/html");
        html.ShouldContain("<h2>Stripe</h2>");
        html.ShouldContain(StripeSimulation.DemoSecretKey);
        html.ShouldContain("demo@acme.example");
        html.ShouldContain("demo@xero.example");
    }
}

using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Client.Errors;
using Fastn.Client.Models;
using Fastn.Client.Tests.Infrastructure;

namespace Fastn.Client.Tests.Walkthrough;

/// <summary>
/// docs/embedding.md, end to end: the workspace's backend creates a connect session with Fastn.Client, the end
/// customer connects Acme on the hosted page, the backend sees <c>connection.created</c> and lists the contacts.
/// The regions marked <c>snippet:</c> are what the guide shows.
/// </summary>
[Collection(ClientServerCollection.Name)]
public sealed partial class EmbeddingWalkthroughTests(ClientServerFixture fixture)
{
    private const string ReturnUrl = "https://app.example/integrations/";

    [Fact]
    public async Task Walkthrough_CustomerConnectsAcmeThroughHostedPage_BackendListsTheirContacts()
    {
        var ct = TestContext.Current.CancellationToken;
        var server = fixture.Server;
        var customerId = ClientServerFixture.NewTenant();

        // <snippet:embedding-client>
        var fastn = new FastnClient(server.BaseUrl, server.AdminKey);
        // </snippet:embedding-client>

        // <snippet:embedding-redirect-urls>
        await fastn.SetRedirectUrlsAsync(["https://app.example/integrations/"], ct);
        // </snippet:embedding-redirect-urls>

        // <snippet:embedding-create-session>
        var session = await fastn.CreateConnectSessionAsync(new CreateConnectSessionRequest(
            TenantId: customerId,
            AllowedConnectors: ["acme-crm"],
            ReturnUrl: "https://app.example/integrations/done"), ct);
        // Send your customer's browser to session.Url (a link, a popup or a redirect).
        // </snippet:embedding-create-session>
        session.Url.ShouldStartWith(server.BaseUrl + "/connect?session=");

        var connectionId = await PlayTheCustomerAsync(session.Url, ct);

        // <snippet:embedding-events>
        var events = await fastn.ListEventsAsync(type: "connection.created", cancellationToken: ct);
        var created = events.Items.First(e => e.TenantId == customerId);
        var newConnectionId = created.Subject!;
        // </snippet:embedding-events>
        newConnectionId.ShouldBe(connectionId);

        // <snippet:embedding-run-action>
        var contacts = await fastn.WithTenant(customerId)
            .ExecuteAsync(newConnectionId, "list_contacts", new JsonObject { ["limit"] = 5 }, cancellationToken: ct);
        foreach (var contact in contacts!["data"]!.AsArray())
        {
            Console.WriteLine($"{contact!["given_name"]} {contact["family_name"]} <{contact["email"]}>");
        }
        // </snippet:embedding-run-action>
        contacts["data"]!.AsArray().Count.ShouldBe(5);

        // <snippet:embedding-errors>
        try
        {
            await fastn.WithTenant(customerId).ExecuteAsync(newConnectionId, "list_contacts", new JsonObject { ["limit"] = "ten" }, cancellationToken: ct);
        }
        catch (FastnValidationException ex)
        {
            Console.WriteLine($"{ex.Type}: {ex.Detail} (at {ex.Path})"); // fastn:validation: … (at $.limit)
        }
        // </snippet:embedding-errors>
        var error = await Should.ThrowAsync<FastnValidationException>(() =>
            fastn.WithTenant(customerId).ExecuteAsync(newConnectionId, "list_contacts", new JsonObject { ["limit"] = "ten" }, cancellationToken: ct));
        error.Path.ShouldBe("$.limit");
    }

    /// <summary>The end customer's browser: the hosted page, Acme's login and consent, back to the result page.</summary>
    private async Task<string> PlayTheCustomerAsync(string sessionUrl, CancellationToken ct)
    {
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });
        var chooser = await browser.GetStringAsync(sessionUrl, ct);
        var (action, fields) = AcmeBrowser.ParseForm(chooser);
        action.ShouldContain("/connect/acme-crm");
        using var start = await browser.PostAsync(new Uri(new Uri(sessionUrl), action), new FormUrlEncodedContent(fields), ct);
        start.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var callback = await AcmeBrowser.AuthorizeAsync(browser, start.Headers.Location!.ToString());
        using var toResult = await browser.GetAsync(callback, ct);
        toResult.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var result = await browser.GetStringAsync(new Uri(callback, toResult.Headers.Location!), ct);
        result.ShouldContain("Connected");
        var back = ReturnLink().Match(result).Groups[1].Value;
        back.ShouldStartWith(WebUtility.HtmlEncode(ReturnUrl + "done?connection_id="));
        return ConnectionId().Match(WebUtility.HtmlDecode(back)).Groups[1].Value;
    }

    [GeneratedRegex("<a[^>]*href=\"(https://app\\.example/[^\"]*)\"")]
    private static partial Regex ReturnLink();

    [GeneratedRegex("connection_id=([^&]+)")]
    private static partial Regex ConnectionId();
}

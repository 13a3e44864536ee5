using System.Net;
using System.Text.Json.Nodes;
using Fastn.Connectors.BuiltIn.Tests.Infrastructure;
using Fastn.Sandbox.Vendors.Stripe;
using Fastn.Sandbox.Vendors.Xero;

namespace Fastn.Connectors.BuiltIn.Tests.CrossApp;

/// <summary>
/// The unified CDM read API against five sandbox apps on one real server: <c>GET /api/v1/cdm/contacts</c> answers the
/// same CDMContact shape from HubSpot, Stripe, Shopify, Xero and QuickBooks, pages with an opaque cursor, filters where
/// the app can, and refuses what it cannot do with a problem that says what to do. The capability registry reports
/// which connectors can be listed, and how completely each covers the CDM.
/// </summary>
public sealed class UnifiedCdmApiTests
{
    private static readonly HashSet<string> ContactFields = [.. Cdm.Cdm.Contact.Fields.Select(f => f.Name)];

    [Fact]
    public async Task Contacts_FromFiveApps_ComeInOneShape_PagedFilteredAndScopedToTheTenant()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("tenant-unified");
        var connections = new Dictionary<string, string>
        {
            ["hubspot"] = await server.ConnectOAuthAsync(client, "hubspot", AllowAsync),
            ["stripe"] = await server.CreateConnectionAsync(client, "stripe", new() { ["api_key"] = StripeSimulation.DemoSecretKey }, "secret_key"),
            ["shopify"] = await server.ConnectOAuthAsync(client, "shopify", AllowAsync, new Dictionary<string, string> { ["shop"] = "fastn-sandbox" }),
            ["xero"] = await server.ConnectOAuthAsync(client, "xero", XeroConsentAsync),
            ["quickbooks"] = await server.ConnectOAuthAsync(client, "quickbooks", AllowAsync),
        };

        foreach (var (connector, connection) in connections)
        {
            var page = await GetAsync(client, $"api/v1/cdm/contacts?connectionId={connection}&limit=3");
            page["entity"]!.GetValue<string>().ShouldBe("CDMContact");
            page["connector"]!.GetValue<string>().ShouldBe(connector);
            page["connectionId"]!.GetValue<string>().ShouldBe(connection);
            page["errors"]!.AsArray().ShouldBeEmpty(connector);
            var records = page["records"]!.AsArray();
            records.Count.ShouldBeGreaterThan(0, connector);
            foreach (var record in records.Select(r => r!.AsObject()))
            {
                record["id"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace(connector);
                record.Select(p => p.Key).ShouldAllBe(k => ContactFields.Contains(k), $"{connector} gave a field CDMContact does not have: {record.ToJsonString()}");
                record.ContainsKey("remoteData").ShouldBeFalse();
            }

            records.ShouldContain(r => r!["email"] != null || r!["lastName"] != null || r!["company"] != null, $"{connector}'s contacts carry no person data");
            page["callId"]!.GetValue<string>().ShouldStartWith("call_");
        }

        // The next page through the cursor: different records, the same connection.
        var first = await GetAsync(client, $"api/v1/cdm/contacts?connectionId={connections["hubspot"]}&limit=2");
        var cursor = first["nextCursor"]!.GetValue<string>();
        var second = await GetAsync(client, $"api/v1/cdm/contacts?cursor={Uri.EscapeDataString(cursor)}");
        second["connectionId"]!.GetValue<string>().ShouldBe(connections["hubspot"]);
        Ids(second).ShouldNotBeEmpty();
        Ids(second).Intersect(Ids(first)).ShouldBeEmpty();

        // The app's own record on request.
        var raw = await GetAsync(client, $"api/v1/cdm/contacts?connectionId={connections["stripe"]}&limit=1&remoteData=true");
        var stripeRecord = raw["records"]![0]!;
        stripeRecord["remoteData"]!["object"]!.GetValue<string>().ShouldBe("customer");
        stripeRecord["remoteData"]!["id"]!.GetValue<string>().ShouldBe(stripeRecord["id"]!.GetValue<string>());

        // Filters on CDM fields where the app filters: Stripe by e-mail.
        var email = (await GetAsync(client, $"api/v1/cdm/contacts?connectionId={connections["stripe"]}&limit=20"))["records"]!.AsArray()
            .Select(r => r!["email"]?.GetValue<string>()).First(e => e is not null)!;
        var filtered = await GetAsync(client, $"api/v1/cdm/contacts?connectionId={connections["stripe"]}&email={Uri.EscapeDataString(email)}");
        filtered["records"]!.AsArray().ShouldNotBeEmpty();
        filtered["records"]!.AsArray().ShouldAllBe(r => r!["email"]!.GetValue<string>() == email);

        // What it cannot do, said with what to do instead.
        (await ProblemAsync(client, "api/v1/cdm/contacts", HttpStatusCode.BadRequest)).ShouldContain("pass connectionId");
        (await ProblemAsync(client, $"api/v1/cdm/contacts?connectionId={connections["hubspot"]}&email=a@example.com", HttpStatusCode.BadRequest))
            .ShouldContain("hubspot cannot filter CDMContact records");
        (await ProblemAsync(client, $"api/v1/cdm/contacts?connectionId={connections["stripe"]}&nickname=x", HttpStatusCode.BadRequest))
            .ShouldContain("'nickname' is not a field of CDMContact");
        (await ProblemAsync(client, "api/v1/cdm/contacts?cursor=not-a-cursor", HttpStatusCode.BadRequest)).ShouldContain("not a page cursor");
        (await ProblemAsync(client, $"api/v1/cdm/contacts?connectionId={connections["stripe"]}&limit=0", HttpStatusCode.BadRequest)).ShouldContain("'limit'");
        (await ProblemAsync(client, "api/v1/cdm/unicorns", HttpStatusCode.NotFound)).ShouldContain("contacts");
        (await ProblemAsync(client, $"api/v1/cdm/contacts?cursor={Uri.EscapeDataString(cursor)}&limit=2&connectionId={connections["stripe"]}", HttpStatusCode.BadRequest))
            .ShouldContain("another connection");

        // Another tenant reads none of it: neither the connection nor a cursor of it.
        var other = server.CreateClient("tenant-unified-other");
        await ProblemAsync(other, $"api/v1/cdm/contacts?connectionId={connections["hubspot"]}", HttpStatusCode.NotFound);
        await ProblemAsync(other, $"api/v1/cdm/contacts?cursor={Uri.EscapeDataString(cursor)}", HttpStatusCode.NotFound);
        (await ProblemAsync(other, "api/v1/cdm/contacts", HttpStatusCode.NotFound)).ShouldContain("Connect one of");

        // The tenant's only connection listing an entity needs no connectionId.
        var solo = server.CreateClient("tenant-unified-solo");
        var soloStripe = await server.CreateConnectionAsync(solo, "stripe", new() { ["api_key"] = StripeSimulation.DemoSecretKey }, "secret_key");
        (await GetAsync(solo, "api/v1/cdm/contacts?limit=1"))["connectionId"]!.GetValue<string>().ShouldBe(soloStripe);
        _ = ct;
    }

    [Fact]
    public async Task Capabilities_ReportActionsTriggersEntitiesAndCdmCoverage()
    {
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient(null);

        var all = await GetAsync(client, "api/v1/capabilities");
        var connectors = all["connectors"]!.AsArray().ToDictionary(c => c!["connector"]!.GetValue<string>(), c => c!);
        new[] { "github", "hubspot", "quickbooks", "salesforce", "shopify", "slack", "stripe", "xero" }.ShouldBeSubsetOf(connectors.Keys);
        connectors.Keys.ToList().ShouldBe([.. connectors.Keys.Order(StringComparer.Ordinal)], "by name");

        var hubspot = await GetAsync(client, "api/v1/capabilities/hubspot");
        hubspot["authKinds"]!.AsArray().Select(k => k!.GetValue<string>()).ShouldContain("OAuth2");
        var archive = hubspot["actions"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "archive_contact")!;
        archive["destructive"]!.GetValue<bool>().ShouldBeTrue();
        hubspot["actions"]!.AsArray().Single(a => a!["name"]!.GetValue<string>() == "list_contacts")!["readOnly"]!.GetValue<bool>().ShouldBeTrue();
        var contact = hubspot["entities"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "contact")!;
        contact["cdmEntity"]!.GetValue<string>().ShouldBe("CDMContact");
        contact["listable"]!.GetValue<bool>().ShouldBeTrue();
        contact["operations"]!.AsArray().Select(o => o!["operation"]!.GetValue<string>()).ShouldBe(["list", "get", "create", "update", "delete", "search"]);
        contact["coverage"]!["ratio"]!.GetValue<double>().ShouldBeInRange(0.5, 1.0);
        contact["coverage"]!["missingRequired"]!.AsArray().ShouldBeEmpty();
        hubspot["cdmScore"]!.GetValue<double>().ShouldBeInRange(0.01, 1.0);

        var stripeCustomer = connectors["stripe"]["entities"]!.AsArray().Single(e => e!["name"]!.GetValue<string>() == "customer")!;
        stripeCustomer["filterable"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldBe(["email"]);

        var cdmContact = all["cdm"]!.AsArray().Single(e => e!["entity"]!.GetValue<string>() == "CDMContact")!;
        cdmContact["path"]!.GetValue<string>().ShouldBe("contacts");
        cdmContact["required"]!.AsArray().Select(f => f!.GetValue<string>()).ShouldContain("id");
        var covering = cdmContact["connectors"]!.AsArray();
        new[] { "hubspot", "quickbooks", "shopify", "stripe", "xero" }
            .ShouldBeSubsetOf(covering.Where(c => c!["listable"]!.GetValue<bool>()).Select(c => c!["connector"]!.GetValue<string>()));
        covering.Select(c => c!["ratio"]!.GetValue<double>()).ShouldBeInOrder(SortDirection.Descending);
        all["cdm"]!.AsArray().Single(e => e!["entity"]!.GetValue<string>() == "CDMInventoryLevel")!["path"]!.GetValue<string>().ShouldBe("inventory-levels");

        await ProblemAsync(client, "api/v1/capabilities/nope", HttpStatusCode.NotFound);
    }

    private static IEnumerable<string> Ids(JsonNode page) => page["records"]!.AsArray().Select(r => r!["id"]!.GetValue<string>());

    private static async Task<JsonNode> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {body}");
        return JsonNode.Parse(body)!;
    }

    private static async Task<string> ProblemAsync(HttpClient client, string url, HttpStatusCode status)
    {
        using var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(status, $"GET {url}: {body}");
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return JsonNode.Parse(body)!["detail"]!.GetValue<string>();
    }

    private static async Task<Uri> AllowAsync(HttpClient browser, Uri url)
    {
        var html = await HtmlForms.GetPageAsync(browser, url);
        using var allowed = await HtmlForms.SubmitAsync(browser, url, html, new Dictionary<string, string> { ["decision"] = "allow" });
        return HtmlForms.RedirectLocation(allowed, url);
    }

    private static async Task<Uri> XeroConsentAsync(HttpClient browser, Uri authorize)
    {
        var login = await HtmlForms.GetPageAsync(browser, authorize);
        using var consentPage = await HtmlForms.SubmitAsync(browser, authorize, login,
            new Dictionary<string, string> { ["email"] = XeroSandboxApp.DemoEmail, ["password"] = XeroSandboxApp.DemoPassword });
        var consent = await consentPage.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var allowed = await HtmlForms.SubmitAsync(browser, authorize, consent, new Dictionary<string, string> { ["decision"] = "allow" });
        return HtmlForms.RedirectLocation(allowed, authorize);
    }
}

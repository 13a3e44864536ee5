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
    public async Task Contacts_CreatedAndUpdatedAsCdm_LandInEachApp_AndBadRecordsAreRefusedByPath()
    {
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient("tenant-unified-writes");
        var hubspot = await server.ConnectOAuthAsync(client, "hubspot", AllowAsync);
        var stripe = await server.CreateConnectionAsync(client, "stripe", new() { ["api_key"] = StripeSimulation.DemoSecretKey }, "secret_key");
        var xero = await server.ConnectOAuthAsync(client, "xero", XeroConsentAsync);
        var shopify = await server.ConnectOAuthAsync(client, "shopify", AllowAsync, new Dictionary<string, string> { ["shop"] = "fastn-sandbox" });

        foreach (var (connector, connection) in new[] { ("hubspot", hubspot), ("stripe", stripe), ("xero", xero), ("shopify", shopify) })
        {
            var email = $"cdm.{connector}.{Guid.NewGuid():N}@example.com";
            var created = await SendAsync(client, HttpMethod.Post, $"api/v1/cdm/contacts?connectionId={connection}",
                new JsonObject { ["email"] = email, ["firstName"] = "Ada", ["lastName"] = "Lovelace" }, HttpStatusCode.Created);
            created["connector"]!.GetValue<string>().ShouldBe(connector);
            var record = created["record"]!;
            record["email"]!.GetValue<string>().ShouldBe(email, connector);
            var id = record["id"]!.GetValue<string>();
            id.ShouldNotBeNullOrWhiteSpace();

            // The app has it: read back through the unified list.
            var listed = await FindAsync(client, connection, id);
            listed["email"]!.GetValue<string>().ShouldBe(email, connector);
        }

        // Updates change only the fields given.
        var hubspotCreated = await SendAsync(client, HttpMethod.Post, $"api/v1/cdm/contacts?connectionId={hubspot}",
            new JsonObject { ["email"] = $"cdm.update.{Guid.NewGuid():N}@example.com", ["firstName"] = "Grace", ["lastName"] = "Brewster" }, HttpStatusCode.Created);
        var hubspotId = hubspotCreated["record"]!["id"]!.GetValue<string>();
        var updated = await SendAsync(client, HttpMethod.Patch, $"api/v1/cdm/contacts/{hubspotId}?connectionId={hubspot}", new JsonObject { ["lastName"] = "Hopper" }, HttpStatusCode.OK);
        updated["record"]!["lastName"]!.GetValue<string>().ShouldBe("Hopper");
        var stored = (await server.RunActionAsync(client, hubspot, "get_contact", new { contactId = hubspotId }))!["properties"]!;
        stored["lastname"]!.GetValue<string>().ShouldBe("Hopper");
        stored["firstname"]!.GetValue<string>().ShouldBe("Grace", "a field left out stays as it was");

        // Refused, by path, with nothing written.
        (await WriteProblemAsync(client, HttpMethod.Post, $"api/v1/cdm/contacts?connectionId={hubspot}", new JsonObject { ["id"] = "x", ["email"] = "a@example.com" }))
            .ShouldContain("given by the app");
        (await WriteProblemAsync(client, HttpMethod.Post, $"api/v1/cdm/contacts?connectionId={hubspot}", new JsonObject { ["nickname"] = "Ada" }))
            .ShouldContain("$.nickname");
        (await WriteProblemAsync(client, HttpMethod.Post, $"api/v1/cdm/contacts?connectionId={hubspot}", new JsonObject { ["email"] = 5 }))
            .ShouldContain("$.email");
        (await WriteProblemAsync(client, HttpMethod.Post, $"api/v1/cdm/contacts?connectionId={hubspot}", new JsonArray()))
            .ShouldContain("JSON object");
        (await WriteProblemAsync(client, HttpMethod.Patch, $"api/v1/cdm/contacts/123?connectionId={shopify}", new JsonObject { ["lastName"] = "X" }))
            .ShouldContain("'shopify' cannot update CDMContact records");
        (await WriteProblemAsync(client, HttpMethod.Patch, $"api/v1/cdm/contacts/{hubspotId}?connectionId={hubspot}", new JsonObject { ["id"] = "other" }))
            .ShouldContain("cannot be changed");
    }

    [Fact]
    public async Task Preview_MapsASampleBothWays_AndNamesUnmappedAndLossyFields()
    {
        await using var server = await FastnTestServer.StartAsync();
        var client = server.CreateClient(null);

        var native = await SendAsync(client, HttpMethod.Post, "api/v1/cdm/preview", JsonNode.Parse("""
            { "connector": "stripe", "entity": "customer",
              "native": { "id": "cus_1", "object": "customer", "email": "ada@example.com", "name": "Ada King Lovelace", "balance": 0, "created": 1700000000 } }
            """)!, HttpStatusCode.OK);
        native["cdmEntity"]!.GetValue<string>().ShouldBe("CDMContact");
        native["cdm"]!["firstName"]!.GetValue<string>().ShouldBe("Ada King", "Stripe's one name splits at its last space");
        native["cdm"]!["lastName"]!.GetValue<string>().ShouldBe("Lovelace");
        native["native"]!["name"]!.GetValue<string>().ShouldBe("Ada King Lovelace", "and joins back the same");
        native["lossy"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldNotContain("name");
        native["cdm"]!["email"]!.GetValue<string>().ShouldBe("ada@example.com");
        native["unmappedNative"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldContain("balance");
        native["unmappedCdm"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldContain("company");

        var cdm = await SendAsync(client, HttpMethod.Post, "api/v1/cdm/preview", JsonNode.Parse("""
            { "connector": "hubspot", "entity": "contact", "cdm": { "email": "ada@example.com", "firstName": "Ada", "tags": ["vip"] } }
            """)!, HttpStatusCode.OK);
        cdm["native"]!["properties"]!["email"]!.GetValue<string>().ShouldBe("ada@example.com");
        cdm["unmappedCdm"]!.AsArray().Select(p => p!.GetValue<string>()).ShouldContain("tags", "HubSpot maps no tags");

        (await SendAsync(client, HttpMethod.Post, "api/v1/cdm/preview", JsonNode.Parse("""{ "connector": "stripe", "entity": "nope", "native": {} }""")!, HttpStatusCode.BadRequest))
            ["detail"]!.GetValue<string>().ShouldContain("its entities: customer");
        (await SendAsync(client, HttpMethod.Post, "api/v1/cdm/preview", JsonNode.Parse("""{ "connector": "stripe", "entity": "customer" }""")!, HttpStatusCode.BadRequest))
            ["detail"]!.GetValue<string>().ShouldContain("exactly one sample");
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

    private static async Task<JsonNode> FindAsync(HttpClient client, string connection, string id)
    {
        string? cursor = null;
        for (var pages = 0; pages < 50; pages++)
        {
            var page = await GetAsync(client, cursor is null ? $"api/v1/cdm/contacts?connectionId={connection}&limit=100" : $"api/v1/cdm/contacts?cursor={Uri.EscapeDataString(cursor)}");
            if (page["records"]!.AsArray().FirstOrDefault(r => r!["id"]!.GetValue<string>() == id) is { } found)
            {
                return found;
            }

            if ((cursor = page["nextCursor"]?.GetValue<string>()) is null)
            {
                break;
            }
        }

        throw new ShouldAssertException($"record {id} is not listed on {connection}");
    }

    private static async Task<JsonNode> SendAsync(HttpClient client, HttpMethod method, string url, JsonNode body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(expected, $"{method} {url}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static async Task<string> WriteProblemAsync(HttpClient client, HttpMethod method, string url, JsonNode body)
    {
        var problem = await SendAsync(client, method, url, body, HttpStatusCode.BadRequest);
        return problem["detail"]!.GetValue<string>();
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

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Connectors.BuiltIn.QuickBooks;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Testing;
using Fastn.Connectors.Triggers;

namespace Fastn.Connectors.BuiltIn.Tests.QuickBooks;

/// <summary>Every request the connector makes is one of the QuickBooks Online Accounting API v3 routes it documents.</summary>
public sealed class QuickBooksRouteTests
{
    /// <summary>Intuit's API reference (v3, minorversion 75): method and path template of every endpoint the connector may call.</summary>
    private static readonly (string Method, string Template)[] DocumentedRoutes =
    [
        ("GET", "/v3/company/{realmId}/companyinfo/{realmId}"),
        ("GET", "/v3/company/{realmId}/query"),
        ("GET", "/v3/company/{realmId}/customer/{id}"),
        ("POST", "/v3/company/{realmId}/customer"),
        ("GET", "/v3/company/{realmId}/invoice/{id}"),
        ("POST", "/v3/company/{realmId}/invoice"),
        ("POST", "/v3/company/{realmId}/payment"),
    ];

    private const string Realm = "9130357766855406";

    [Fact]
    public void Fixtures_EveryRequest_MatchesADocumentedRouteWithMinorVersion()
    {
        var fixtures = ConnectorFixture.LoadAll(Path.Combine(AppContext.BaseDirectory, "Fixtures", "quickbooks"));
        fixtures.Count.ShouldBeGreaterThanOrEqualTo(QuickBooksConnector.Definition.Actions.Count);

        var requests = fixtures.SelectMany(f => f.Interactions.Select(i => (f.DisplayName, i.Request))).ToList();

        requests.Where(r => !IsDocumented(r.Request.Method, r.Request.Path)).Select(r => $"{r.DisplayName}: {r.Request.Method} {r.Request.Path}").ShouldBeEmpty();
        requests.Where(r => r.Request.Query?.GetValueOrDefault("minorversion") != "75").Select(r => r.DisplayName).ShouldBeEmpty();
        requests.Where(r => r.Request.Path.EndsWith("/query", StringComparison.Ordinal))
            .ShouldAllBe(r => Regex.IsMatch(r.Request.Query!["query"], @"^select \* from (Customer|Invoice|Item)( where .+)? ORDERBY Metadata\.LastUpdatedTime STARTPOSITION \d+ MAXRESULTS \d+$"));
    }

    [Fact]
    public async Task CustomerChanged_FullPages_QueryByLastUpdatedTimeAndMoveTheCursor()
    {
        var since = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.FromHours(-7));
        var stub = new StubHttpHandler()
            .EnqueueJson(Page(("1", "2025-05-02T10:00:00-07:00"), ("2", "2025-05-03T10:00:00-07:00")))
            .EnqueueJson(Page(("3", "2025-05-03T10:00:00-07:00"), ("4", "2025-05-03T10:00:00-07:00")))
            .EnqueueJson(Page(("5", "2025-05-04T10:00:00-07:00")));
        var definition = QuickBooksConnector.Definition;
        using var host = new ConnectorTestHost(definition,
            ConnectorTestHost.CredentialsFor(definition.Auth.Default!, new Dictionary<string, string> { ["realmId"] = Realm }, "t"), stub);

        var trigger = (PollTriggerDefinition)definition.FindTrigger("customer_changed")!;
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await trigger.FetchPageAsync(new PollRequest(cursor, since) { PageSize = 2 }, host.CreateContext(), TestContext.Current.CancellationToken);
            ids.AddRange(page.Records.Select(r => r.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null && ids.Count < 10);

        ids.ShouldBe(["1", "2", "3", "4", "5"]);
        stub.Requests.Select(r => r.Query["query"]).ShouldBe([
            "select * from Customer where Metadata.LastUpdatedTime >= '2025-05-01T00:00:00-07:00' ORDERBY Metadata.LastUpdatedTime STARTPOSITION 1 MAXRESULTS 2",
            // The newest time seen becomes the new lower bound…
            "select * from Customer where Metadata.LastUpdatedTime >= '2025-05-03T10:00:00-07:00' ORDERBY Metadata.LastUpdatedTime STARTPOSITION 1 MAXRESULTS 2",
            // …and a full page all at that time moves the start position instead.
            "select * from Customer where Metadata.LastUpdatedTime >= '2025-05-03T10:00:00-07:00' ORDERBY Metadata.LastUpdatedTime STARTPOSITION 3 MAXRESULTS 2",
        ]);
        stub.Requests.ShouldAllBe(r => r.Path == $"/v3/company/{Realm}/query" && r.Query["minorversion"] == "75" && r.Header("Accept") == "application/json");
    }

    [Fact]
    public void Entities_CdmCoverage_IsAtLeast80Percent()
    {
        foreach (var entity in QuickBooksConnector.Definition.Entities)
        {
            var coverage = CdmCoverage.Of(entity).ShouldNotBeNull();
            coverage.Ratio.ShouldBeGreaterThanOrEqualTo(0.8, $"{entity.Name}: unmapped {string.Join(", ", coverage.Unmapped)}");
            coverage.MissingRequired.ShouldBeEmpty();
        }
    }

    [Fact]
    public void CustomerEntity_ToCdmAndBack_MapsNamesEmailPhoneAndAddress()
    {
        var entity = QuickBooksConnector.Definition.FindEntity("customer")!;
        var native = JsonNode.Parse("""
            {"Id":"1","SyncToken":"0","DisplayName":"Amy's Bird Sanctuary","GivenName":"Amy","FamilyName":"Lauterbach","CompanyName":"Amy's Bird Sanctuary",
             "PrimaryEmailAddr":{"Address":"birds@intuit.example"},"PrimaryPhone":{"FreeFormNumber":"(650) 555-3311"},
             "BillAddr":{"Line1":"4581 Finch St.","City":"Bayshore","CountrySubDivisionCode":"CA","PostalCode":"94326"},
             "MetaData":{"CreateTime":"2025-05-20T11:38:20-07:00","LastUpdatedTime":"2025-05-28T09:05:01-07:00"}}
            """)!.AsObject();

        var cdm = entity.ToCdm(native);
        var back = entity.FromCdm(cdm);

        cdm["firstName"]!.GetValue<string>().ShouldBe("Amy");
        cdm["email"]!.GetValue<string>().ShouldBe("birds@intuit.example");
        cdm["phone"]!.GetValue<string>().ShouldBe("(650) 555-3311");
        cdm["addresses"]![0]!["region"]!.GetValue<string>().ShouldBe("CA");
        cdm["updatedAt"]!.ToString().ShouldStartWith("2025-05-28T09:05:01");
        back["BillAddr"]!["City"]!.GetValue<string>().ShouldBe("Bayshore");
        back["PrimaryEmailAddr"]!["Address"]!.GetValue<string>().ShouldBe("birds@intuit.example");
    }

    [Fact]
    public void InvoiceEntity_ToCdm_MapsLinesTotalsAndStatus()
    {
        var entity = QuickBooksConnector.Definition.FindEntity("invoice")!;
        var native = JsonNode.Parse("""
            {"Id":"130","DocNumber":"1037","TxnDate":"2025-06-01","DueDate":"2025-07-01","CustomerRef":{"value":"1"},
             "Line":[{"Amount":550,"Description":"Rock Fountain","DetailType":"SalesItemLineDetail","SalesItemLineDetail":{"Qty":2,"UnitPrice":275}},{"Amount":550,"DetailType":"SubTotalLineDetail"}],
             "TxnTaxDetail":{"TotalTax":0},"TotalAmt":550,"Balance":0,"CurrencyRef":{"value":"USD"}}
            """)!.AsObject();

        var cdm = entity.ToCdm(native);

        cdm["number"]!.GetValue<string>().ShouldBe("1037");
        cdm["status"]!.GetValue<string>().ShouldBe("paid");
        cdm["lineItems"]!.AsArray().Count.ShouldBe(1);
        cdm["lineItems"]![0]!["unitPrice"]!.GetValue<decimal>().ShouldBe(275m);
        cdm["subtotal"]!.GetValue<decimal>().ShouldBe(550m);
        cdm["issueDate"]!.GetValue<string>().ShouldBe("2025-06-01");
    }

    private static object Page(params (string Id, string Updated)[] customers) => new JsonObject
    {
        ["QueryResponse"] = new JsonObject
        {
            ["Customer"] = new JsonArray([.. customers.Select(c => (JsonNode)new JsonObject
            {
                ["Id"] = c.Id, ["SyncToken"] = "0", ["DisplayName"] = "Customer " + c.Id,
                ["MetaData"] = new JsonObject { ["CreateTime"] = c.Updated, ["LastUpdatedTime"] = c.Updated },
            })]),
            ["startPosition"] = 1,
            ["maxResults"] = customers.Length,
        },
        ["time"] = "2025-06-01T09:15:00.000-07:00",
    };

    private static bool IsDocumented(string method, string path) =>
        DocumentedRoutes.Any(r => r.Method == method && Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(r.Template), @"\\\{(\w+)}", "[^/]+") + "$"));
}

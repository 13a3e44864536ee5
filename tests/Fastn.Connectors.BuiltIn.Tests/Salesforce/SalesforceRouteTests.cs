using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fastn.Connectors.BuiltIn.Salesforce;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.Salesforce;

/// <summary>Every request the connector makes is one of Salesforce's documented REST API v60.0 routes; polling, entities and coverage.</summary>
public sealed class SalesforceRouteTests
{
    /// <summary>Salesforce REST API Developer Guide (v60.0): method and path template of every resource the connector may call.</summary>
    private static readonly (string Method, string Template)[] DocumentedRoutes =
    [
        ("GET", "/services/data/v60.0/query"),
        ("GET", "/services/data/v60.0/query/{queryLocator}"),
        ("GET", "/services/data/v60.0/limits"),
        ("GET", "/services/data/v60.0/sobjects/{sObject}/describe"),
        ("GET", "/services/data/v60.0/sobjects/{sObject}/deleted/"),
        ("GET", "/services/data/v60.0/sobjects/{sObject}/{id}"),
        ("POST", "/services/data/v60.0/sobjects/{sObject}"),
        ("PATCH", "/services/data/v60.0/sobjects/{sObject}/{id}"),
    ];

    private static readonly string[] SObjects = ["Account", "Contact", "Lead", "Opportunity"];

    [Fact]
    public void Fixtures_EveryRequest_MatchesADocumentedRoute()
    {
        var fixtures = ConnectorFixture.LoadAll(Path.Combine(AppContext.BaseDirectory, "Fixtures", "salesforce"));
        fixtures.Count.ShouldBeGreaterThanOrEqualTo(SalesforceConnector.Definition.Actions.Count);

        var requests = fixtures.SelectMany(f => f.Interactions.Select(i => (f.DisplayName, i.Request.Method, i.Request.Path))).ToList();

        requests.Where(r => !IsDocumented(r.Method, r.Path)).Select(r => $"{r.DisplayName}: {r.Method} {r.Path}").ShouldBeEmpty();
        fixtures.Select(f => f.Action).Distinct().Order().ShouldBe(SalesforceConnector.Definition.Actions.Select(a => a.Name).Order());
    }

    [Fact]
    public async Task ContactChanged_Poll_QueriesSystemModstampSinceAndFollowsNextRecordsUrl()
    {
        var since = new DateTimeOffset(2025, 5, 1, 8, 30, 0, TimeSpan.Zero);
        var stub = new StubHttpHandler()
            .EnqueueJson(new { totalSize = 3, done = false, nextRecordsUrl = "/services/data/v60.0/query/01g5g00000Qz8NaAAJ-2", records = new[] { Contact("0035g00000000A1AAA"), Contact("0035g00000000A2AAA") } })
            .EnqueueJson(new { totalSize = 3, done = true, records = new[] { Contact("0035g00000000A3AAA") } });
        var definition = SalesforceConnector.Definition;
        var credentials = ConnectorTestHost.CredentialsFor(definition.Auth.Default!, accessToken: "t",
            values: new Dictionary<string, string> { ["instance_url"] = "https://fastn-dev-ed.develop.my.salesforce.com" });
        using var host = new ConnectorTestHost(definition, credentials, stub);

        var records = await host.PollAllAsync("contact_changed", since, cancellationToken: TestContext.Current.CancellationToken);

        records.Select(r => r.Id).ShouldBe(["0035g00000000A1AAA", "0035g00000000A2AAA", "0035g00000000A3AAA"]);
        stub.Requests.Count.ShouldBe(2);
        foreach (var request in stub.Requests)
        {
            IsDocumented(request.Method, request.Path).ShouldBeTrue($"{request.Method} {request.Path}");
        }

        stub.Requests[0].Path.ShouldBe("/services/data/v60.0/query");
        var soql = stub.Requests[0].Query["q"];
        soql.ShouldStartWith("SELECT Id, AccountId, Account.Name, FirstName");
        soql.ShouldEndWith("FROM Contact WHERE SystemModstamp > 2025-05-01T08:30:00.000Z ORDER BY SystemModstamp, Id");
        stub.Requests[1].Path.ShouldBe("/services/data/v60.0/query/01g5g00000Qz8NaAAJ-2");
    }

    [Fact]
    public async Task ContactDeleted_Poll_AsksTheDeletedFeedForTheWindowSinceTheLastPoll()
    {
        var since = DateTimeOffset.UtcNow.AddHours(-1);
        var stub = new StubHttpHandler().EnqueueJson(new
        {
            deletedRecords = new[] { new { deletedDate = "2025-05-01T09:00:00.000+0000", id = "0035g00000000A1AAA" } },
            earliestDateAvailable = "2025-04-01T00:00:00.000+0000",
            latestDateCovered = "2025-05-01T10:00:00.000+0000",
        });
        var definition = SalesforceConnector.Definition;
        var credentials = ConnectorTestHost.CredentialsFor(definition.Auth.Default!, accessToken: "t",
            values: new Dictionary<string, string> { ["instance_url"] = "https://fastn-dev-ed.develop.my.salesforce.com" });
        using var host = new ConnectorTestHost(definition, credentials, stub);

        var records = await host.PollAllAsync("contact_deleted", since, cancellationToken: TestContext.Current.CancellationToken);

        records.Select(r => r.Id).ShouldBe(["0035g00000000A1AAA"]);
        var request = stub.Requests.ShouldHaveSingleItem();
        IsDocumented(request.Method, request.Path).ShouldBeTrue($"{request.Method} {request.Path}");
        DateTimeOffset.Parse(request.Query["start"], System.Globalization.CultureInfo.InvariantCulture).ShouldBe(since, TimeSpan.FromSeconds(1));
        DateTimeOffset.Parse(request.Query["end"], System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(since);
    }

    [Fact]
    public void Entities_CdmCoverage_IsAtLeast80Percent()
    {
        SalesforceConnector.Definition.Entities.Select(e => e.Name).ShouldBe(["contact", "lead", "account", "opportunity"]);
        foreach (var entity in SalesforceConnector.Definition.Entities)
        {
            var coverage = CdmCoverage.Of(entity).ShouldNotBeNull();
            coverage.Ratio.ShouldBeGreaterThanOrEqualTo(0.8, $"{entity.Name}: unmapped {string.Join(", ", coverage.Unmapped)}");
            coverage.MissingRequired.ShouldBeEmpty();
        }
    }

    [Fact]
    public void ContactEntity_ToCdm_MapsAccountNameAddressAndDates()
    {
        var entity = SalesforceConnector.Definition.FindEntity("contact")!;
        var native = JsonNode.Parse("""
            {"attributes":{"type":"Contact","url":"/services/data/v60.0/sobjects/Contact/0035g00000XyZaBAAV"},"Id":"0035g00000XyZaBAAV",
             "Account":{"attributes":{"type":"Account","url":"/services/data/v60.0/sobjects/Account/0015g00000AbCdEAAZ"},"Name":"Edge Communications"},
             "FirstName":"Rose","LastName":"Gonzalez","Email":"rose@edge.example","Phone":"(512) 757-6000","Title":"SVP, Procurement",
             "MailingAddress":{"street":"313 Constitution Place","city":"Austin","state":"TX","postalCode":"78767","country":"USA","latitude":null},
             "CreatedDate":"2024-03-09T09:00:00.000+0000","LastModifiedDate":"2024-03-10T10:30:00.000+0000"}
            """)!.AsObject();

        var cdm = entity.ToCdm(native);

        cdm["company"]!.GetValue<string>().ShouldBe("Edge Communications");
        cdm["addresses"]![0]!["city"]!.GetValue<string>().ShouldBe("Austin");
        cdm["addresses"]![0]!["postalCode"]!.GetValue<string>().ShouldBe("78767");
        cdm["customFields"]!["Title"]!.GetValue<string>().ShouldBe("SVP, Procurement");
        DateTimeOffset.Parse(cdm["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(new DateTimeOffset(2024, 3, 9, 9, 0, 0, TimeSpan.Zero));
        entity.FromCdm(cdm)["Email"]!.GetValue<string>().ShouldBe("rose@edge.example");
    }

    [Fact]
    public void OpportunityEntity_ToCdm_MapsStatusAndContact()
    {
        var entity = SalesforceConnector.Definition.FindEntity("opportunity")!;
        var native = JsonNode.Parse("""
            {"Id":"0065g00000OpAbCAAV","Name":"Engine order","Amount":5000,"StageName":"Closed Won","Probability":100,"CloseDate":"2025-07-31",
             "AccountId":"0015g00000AbCdEAAZ","ContactId":"0035g00000XyZaBAAV","IsClosed":true,"IsWon":true}
            """)!.AsObject();

        var cdm = entity.ToCdm(native);

        cdm["status"]!.GetValue<string>().ShouldBe("closed");
        cdm["contactIds"]![0]!.GetValue<string>().ShouldBe("0035g00000XyZaBAAV");
        cdm["amount"]!.GetValue<decimal>().ShouldBe(5000m);
        cdm["closeDate"]!.GetValue<string>().ShouldBe("2025-07-31");
    }

    private static object Contact(string id) => new
    {
        attributes = new { type = "Contact", url = "/services/data/v60.0/sobjects/Contact/" + id },
        Id = id,
        LastName = "L" + id[^4..],
        SystemModstamp = "2025-05-02T00:00:00.000+0000",
    };

    private static bool IsDocumented(string method, string path) =>
        DocumentedRoutes.Any(r => r.Method == method && Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(r.Template), @"\\\{(\w+)}", m =>
            m.Groups[1].Value == "sObject" ? "(" + string.Join('|', SObjects) + ")" : "[^/]+") + "$"));
}

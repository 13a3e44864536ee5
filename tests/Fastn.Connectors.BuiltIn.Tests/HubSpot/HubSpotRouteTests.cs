using System.Text.RegularExpressions;
using Fastn.Connectors.BuiltIn.HubSpot;
using Fastn.Connectors.Capabilities;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.BuiltIn.Tests.HubSpot;

/// <summary>Every request the connector makes is one of HubSpot's documented routes (CRM v3 objects, v4 associations, account info).</summary>
public sealed class HubSpotRouteTests
{
    /// <summary>HubSpot's public API reference: method and path template of every endpoint the connector may call.</summary>
    private static readonly (string Method, string Template)[] DocumentedRoutes =
    [
        ("GET", "/account-info/v3/details"),
        ("GET", "/crm/v3/objects/{objectType}"),
        ("POST", "/crm/v3/objects/{objectType}"),
        ("GET", "/crm/v3/objects/{objectType}/{objectId}"),
        ("PATCH", "/crm/v3/objects/{objectType}/{objectId}"),
        ("DELETE", "/crm/v3/objects/{objectType}/{objectId}"),
        ("POST", "/crm/v3/objects/{objectType}/search"),
        ("PUT", "/crm/v4/objects/{fromObjectType}/{fromObjectId}/associations/default/{toObjectType}/{toObjectId}"),
    ];

    private static readonly string[] ObjectTypes = ["contacts", "companies", "deals"];

    [Fact]
    public void Fixtures_EveryRequest_MatchesADocumentedRoute()
    {
        var fixtures = ConnectorFixture.LoadAll(Path.Combine(AppContext.BaseDirectory, "Fixtures", "hubspot"));
        fixtures.Count.ShouldBeGreaterThanOrEqualTo(HubSpotConnector.Definition.Actions.Count);

        var requests = fixtures.SelectMany(f => f.Interactions.Select(i => (f.DisplayName, i.Request.Method, i.Request.Path))).ToList();

        requests.Where(r => !IsDocumented(r.Method, r.Path)).Select(r => $"{r.DisplayName}: {r.Method} {r.Path}").ShouldBeEmpty();
    }

    [Fact]
    public async Task PollTrigger_Requests_SearchByLastModifiedDateAndCarrySinceInCursor()
    {
        var since = new DateTimeOffset(2025, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var stub = new StubHttpHandler()
            .EnqueueJson(new { total = 3, results = new[] { Contact("51") }, paging = new { next = new { after = "1" } } })
            .EnqueueJson(new { total = 3, results = new[] { Contact("52"), Contact("53") } });
        var definition = HubSpotConnector.Definition;
        using var host = new ConnectorTestHost(definition, ConnectorTestHost.CredentialsFor(definition.Auth.Default!, accessToken: "t"), stub);

        var records = await host.PollAllAsync("contact_changed", since, cancellationToken: TestContext.Current.CancellationToken);

        records.Select(r => r.Id).ShouldBe(["51", "52", "53"]);
        stub.Requests.Count.ShouldBe(2);
        foreach (var request in stub.Requests)
        {
            IsDocumented(request.Method, request.Path).ShouldBeTrue($"{request.Method} {request.Path}");
            request.Path.ShouldBe("/crm/v3/objects/contacts/search");
            request.Body.ShouldNotBeNull().ShouldContain($"\"propertyName\":\"lastmodifieddate\",\"operator\":\"GTE\",\"value\":\"{since.ToUnixTimeMilliseconds()}\"");
        }

        stub.Requests[1].Body.ShouldNotBeNull().ShouldContain("\"after\":\"1\"");
    }

    [Fact]
    public void Entities_CdmCoverage_IsAtLeast80Percent()
    {
        foreach (var entity in HubSpotConnector.Definition.Entities)
        {
            var coverage = CdmCoverage.Of(entity).ShouldNotBeNull();
            coverage.Ratio.ShouldBeGreaterThanOrEqualTo(0.8, $"{entity.Name}: unmapped {string.Join(", ", coverage.Unmapped)}");
            coverage.MissingRequired.ShouldBeEmpty();
        }
    }

    [Fact]
    public void ContactEntity_ToCdmAndBack_MapsAddressAndNames()
    {
        var entity = HubSpotConnector.Definition.FindEntity("contact")!;
        var native = System.Text.Json.Nodes.JsonNode.Parse("""
            {"id":"51","properties":{"email":"ada@example.com","firstname":"Ada","lastname":"Lovelace","city":"London","zip":"N1","country":"United Kingdom","jobtitle":"Analyst"},
             "createdAt":"2024-03-09T09:00:00Z","updatedAt":"2024-03-10T09:00:00Z","archived":false}
            """)!.AsObject();

        var cdm = entity.ToCdm(native);
        var back = entity.FromCdm(cdm);

        cdm["firstName"]!.GetValue<string>().ShouldBe("Ada");
        cdm["addresses"]![0]!["city"]!.GetValue<string>().ShouldBe("London");
        cdm["customFields"]!["jobtitle"]!.GetValue<string>().ShouldBe("Analyst");
        back["properties"]!["email"]!.GetValue<string>().ShouldBe("ada@example.com");
        back["properties"]!["zip"]!.GetValue<string>().ShouldBe("N1");
    }

    private static object Contact(string id) => new { id, properties = new { email = $"c{id}@example.com" }, createdAt = "2025-05-02T00:00:00Z", updatedAt = "2025-05-02T00:00:00Z", archived = false };

    private static bool IsDocumented(string method, string path) =>
        DocumentedRoutes.Any(r => r.Method == method && Regex.IsMatch(path, "^" + Regex.Replace(Regex.Escape(r.Template), @"\\\{(\w+)}", m =>
            m.Groups[1].Value.EndsWith("Type", StringComparison.Ordinal) ? "(" + string.Join('|', ObjectTypes) + ")" : "[^/]+") + "$"));
}

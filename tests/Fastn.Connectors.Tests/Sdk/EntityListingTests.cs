using System.Text.Json.Nodes;
using Fastn.Connectors.Entities;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Connectors.Tests.Sdk;

/// <summary><c>ListedBy</c>: the first page's input, the records read raw from the output member, the next input, filters.</summary>
public sealed class EntityListingTests
{
    public sealed record Person(string Id, string? Email);

    public sealed record ListPeopleInput(int? PageSize, string? After, string? Email);

    public sealed record PeoplePage(IReadOnlyList<Person> People, string? NextAfter);

    private static EntityDefinition Entity() => Define.Entity<Person>("person", CdmCatalog.Contact, e => e
        .Id(p => p.Id)
        .ListedBy<ListPeopleInput, PeoplePage>("list_people",
            request => new ListPeopleInput(request.Limit, null, request.Filter(CdmCatalog.Contact.Email)),
            page => page.People,
            (input, page) => page.NextAfter is { } after ? input with { After = after } : null,
            CdmCatalog.Contact.Email)
        .Map(p => p.Id, CdmCatalog.Contact.Id)
        .Map(p => p.Email, CdmCatalog.Contact.Email));

    [Fact]
    public void ListedBy_FirstInput_CarriesLimitAndFilterInTheActionsJsonNames()
    {
        var listing = Entity().Listing.ShouldNotBeNull();
        var first = listing.First(new EntityListRequest(7, new Dictionary<Fastn.Connectors.Cdm.CdmField, string> { [CdmCatalog.Contact.Email] = "ada@example.com" }));

        JsonNode.DeepEquals(first, JsonNode.Parse("""{"pageSize":7,"email":"ada@example.com"}""")).ShouldBeTrue(first.ToJsonString());
        listing.Action.ShouldBe("list_people");
        listing.Filterable.ShouldBe([CdmCatalog.Contact.Email]);
        Entity().OperationActions[EntityOperations.List].ShouldBe("list_people");
    }

    [Fact]
    public void ListedBy_RecordsAndNext_ReadTheRawOutputAndKeepTheFirstInputsFilters()
    {
        var listing = Entity().Listing!;
        var input = JsonNode.Parse("""{"pageSize":2,"after":null,"email":"ada@example.com"}""")!.AsObject();
        var output = JsonNode.Parse("""{"people":[{"id":"p1","email":"ada@example.com","extra":"kept"},{"id":"p2"}],"nextAfter":"c2"}""");

        var records = listing.Records(output);
        var next = listing.Next(input, output).ShouldNotBeNull();

        records.Select(r => r["id"]!.GetValue<string>()).ShouldBe(["p1", "p2"]);
        records[0]["extra"]!.GetValue<string>().ShouldBe("kept", "records stay the app's raw JSON");
        next["after"]!.GetValue<string>().ShouldBe("c2");
        next["email"]!.GetValue<string>().ShouldBe("ada@example.com");
        listing.Next(next, JsonNode.Parse("""{"people":[],"nextAfter":null}""")).ShouldBeNull("the last page has no next");
        listing.Records(JsonNode.Parse("""{"nothing":true}""")).ShouldBeEmpty();
    }

    [Fact]
    public void Validator_FilterableFieldOfAnotherEntity_IsAProblem()
    {
        var definition = new ConnectorDefinition
        {
            Name = "people-app",
            DisplayName = "People",
            Description = "People.",
            BaseUrl = "https://people.example.com",
            Actions =
            {
                Define.Action<ListPeopleInput, PeoplePage>("list_people", "List people.", (_, _, _) => Task.FromResult(new PeoplePage([], null))),
            },
            Entities =
            {
                Define.Entity<Person>("person", CdmCatalog.Contact, e => e
                    .Id(p => p.Id)
                    .ListedBy<ListPeopleInput, PeoplePage>("list_people", r => new ListPeopleInput(r.Limit, null, null), p => p.People, (_, _) => null, CdmCatalog.Company.CompanyName)
                    .Map(p => p.Id, CdmCatalog.Contact.Id)),
            },
        };

        var problems = Validation.ConnectorDefinitionValidator.Validate(definition);

        problems.ShouldContain(p => p.Message.Contains("'CDMCompany.name' is not a field of CDMContact"), string.Join("\n", problems.Select(p => p.Message)));
    }
}

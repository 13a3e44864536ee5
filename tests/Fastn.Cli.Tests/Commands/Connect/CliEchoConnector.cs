using System.Text.Json.Nodes;
using Fastn.Connectors;
using Fastn.Connectors.Actions;
using Fastn.Connectors.Authentication;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Cli.Tests.Commands.Connect;

/// <summary>
/// An API-key connector whose actions answer without calling an app: <c>echo</c> returns its input, <c>greet</c>
/// requires a name, <c>list_people</c> pages through three fixed people (a <c>CDMContact</c> entity the unified API lists).
/// </summary>
public static class CliEchoConnector
{
    public const string Name = "cli-echo";

    private static readonly Person[] People = [new("p1", "ada@example.com", "Ada"), new("p2", "alan@example.com", "Alan"), new("p3", "grace@example.com", "Grace")];

    public sealed record Person(string Id, string Email, string Name);

    public sealed record ListPeopleInput(int? Limit, int? Offset);

    public sealed record PeoplePage(IReadOnlyList<Person> People, int? NextOffset);

    public static ConnectorDefinition Create()
    {
        var definition = new ConnectorDefinition
        {
            Name = Name,
            DisplayName = "CLI Echo",
            Description = "Answers without calling an app.",
            Categories = ["testing"],
            BaseUrl = "http://127.0.0.1:9",
            Auth = Auth.ApiKeyHeader("X-Api-Key"),
        };
        definition.Actions.Add(Define.JsonAction("echo", "Returns its input.", new JsonObject { ["type"] = "object" }, new JsonObject { ["type"] = "object" },
            (input, _, _) => Task.FromResult(input?.DeepClone()), ActionHints.Read("echo")));
        definition.Actions.Add(Define.JsonAction("greet", "Greets someone by name.",
            new JsonObject
            {
                ["type"] = "object",
                ["required"] = new JsonArray("name"),
                ["properties"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "string" } },
            },
            new JsonObject { ["type"] = "object" },
            (input, _, _) => Task.FromResult<JsonNode?>(new JsonObject { ["greeting"] = "Hello, " + input?["name"]?.GetValue<string>() }),
            ActionHints.Read("echo")));
        definition.Actions.Add(Define.Action<ListPeopleInput, PeoplePage>("list_people", "Lists people a page at a time.", (input, _, _) =>
        {
            var offset = input.Offset ?? 0;
            var page = People.Skip(offset).Take(input.Limit ?? 10).ToList();
            return Task.FromResult(new PeoplePage(page, offset + page.Count < People.Length ? offset + page.Count : null));
        }, ActionHints.Read("people")));
        definition.Entities.Add(Define.Entity<Person>("person", CdmCatalog.Contact, e => e
            .Id(p => p.Id)
            .ListedBy<ListPeopleInput, PeoplePage>("list_people", r => new ListPeopleInput(r.Limit, null), p => p.People,
                (input, page) => page.NextOffset is { } next ? input with { Offset = next } : null)
            .Map(p => p.Id, CdmCatalog.Contact.Id)
            .Map(p => p.Email, CdmCatalog.Contact.Email)
            .Map(p => p.Name, CdmCatalog.Contact.FirstName)));
        return definition;
    }
}

using Fastn.Connectors.Authentication;
using Fastn.Connectors.Triggers;
using Fastn.Connectors.Validation;
using CdmCatalog = Fastn.Connectors.Cdm.Cdm;

namespace Fastn.Connectors.Tests.Sdk;

public sealed class DefinitionValidationTests
{
    public sealed record Rec(string Id, string Email);

    private static ConnectorDefinition FiveMistakes() => new()
    {
        Name = "My App",
        DisplayName = "My App",
        BaseUrl = "https://api.my-app.test",
        Auth = Auth.OAuth2(o => o.AuthorizationUrl = "https://my-app.test/oauth/authorize"),
        Actions =
        {
            Define.Action<Rec, Rec>("create_contact", "Create a contact", (r, _, _) => Task.FromResult(r)),
            Define.Action<Rec, Rec>("create_contact", "Create a contact again", (r, _, _) => Task.FromResult(r)),
        },
        Triggers =
        {
            Define.PollTrigger<Rec>("rec_changed", "A record changed",
                (_, _, _) => Task.FromResult(new PollPage<Rec>([], null)), recordId: null),
        },
        Entities =
        {
            Define.Entity<Rec>("company", CdmCatalog.Company, e => e.Id(r => r.Id).Map(r => r.Email, CdmCatalog.Contact.Email)),
        },
    };

    [Fact]
    public void EnsureValid_FiveMistakes_ThrowsWithExactlyFiveProblemsEachNamingItsMember()
    {
        var ex = Should.Throw<ConnectorDefinitionException>(() => ConnectorDefinitionValidator.EnsureValid(FiveMistakes()));

        ex.Problems.Select(p => p.Member).ShouldBe(
            ["name", "auth.oauth2", "actions.create_contact", "triggers.rec_changed", "entities.company.email"], ignoreOrder: true);
        ex.Problems.ShouldAllBe(p => p.Connector == "My App");
        ex.Problems.Single(p => p.Member == "name").Message.ShouldContain("kebab-case");
        ex.Problems.Single(p => p.Member == "auth.oauth2").Message.ShouldContain("TokenUrl");
        ex.Problems.Single(p => p.Member == "actions.create_contact").Message.ShouldContain("used 2 times");
        ex.Problems.Single(p => p.Member == "triggers.rec_changed").Message.ShouldContain("record id");
        ex.Problems.Single(p => p.Member == "entities.company.email").Message.ShouldContain("'CDMContact.email' is not a field of CDMCompany");
        ex.Message.ShouldStartWith("The connector definition has 5 problem(s):");
        foreach (var problem in ex.Problems)
        {
            ex.Message.ShouldContain(problem.ToString());
        }
    }

    [Fact]
    public void Validate_EntityWithoutCdmButWithMappings_ReportsMissingCdmEntity()
    {
        var definition = new ConnectorDefinition
        {
            Name = "my-app",
            DisplayName = "My App",
            Entities = { Define.Entity<Rec>("record", null, e => e.Id(r => r.Id).Map(r => r.Email, CdmCatalog.Contact.Email)) },
        };

        var problems = ConnectorDefinitionValidator.Validate(definition);

        problems.ShouldHaveSingleItem().Member.ShouldBe("entities.record");
        problems[0].Message.ShouldContain("names no CDM entity");
    }

    [Fact]
    public void Validate_CorrectDefinition_ReportsNothing()
    {
        ConnectorDefinitionValidator.Validate(Testing.ExampleConnector.Definition).ShouldBeEmpty();
    }
}

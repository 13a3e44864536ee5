using Fastn.Connectors;
using Fastn.Connectors.Authentication;
using Fastn.Connectors.Validation;
using Fastn.Engine.Registry;
using Fastn.Samples.AcmeConnector;

namespace Fastn.Engine.Tests.Registry;

public sealed class ConnectorRegistryTests
{
    [Fact]
    public void Add_ValidDefinition_IsFoundAndFrozen()
    {
        var registry = new ConnectorRegistry();
        var definition = AcmeCrm.Create("https://acme.example");

        registry.Add(definition);

        registry.Find("acme-crm").ShouldNotBeNull().Definition.ShouldBeSameAs(definition);
        Should.Throw<InvalidOperationException>(() => definition.Actions.Add(definition.Actions[0]));
    }

    [Fact]
    public void Add_SameNameTwice_IsRefusedWithClearMessage()
    {
        var registry = new ConnectorRegistry();
        registry.Add(AcmeCrm.Create("https://one.example"));

        var ex = Should.Throw<ConnectorDefinitionException>(() => registry.Add(AcmeCrm.Create("https://two.example")));

        ex.Problems.ShouldHaveSingleItem().Message.ShouldContain("already registered");
    }

    [Fact]
    public void Add_InvalidDefinition_ListsEveryProblem()
    {
        var registry = new ConnectorRegistry();
        var bad = new ConnectorDefinition { Name = "Bad Name", DisplayName = "", Auth = Auth.OAuth2(_ => { }) };

        var ex = Should.Throw<ConnectorDefinitionException>(() => registry.Add(bad));

        ex.Problems.Count.ShouldBeGreaterThanOrEqualTo(3);
        registry.All.ShouldBeEmpty();
    }

    [Fact]
    public void Search_ByTextCategoryAndAuthKind_Filters()
    {
        var registry = new ConnectorRegistry();
        registry.Add(AcmeCrm.Create("https://acme.example"));
        registry.Add(new ConnectorDefinition { Name = "weather", DisplayName = "Weather", Description = "Forecasts", Categories = ["data"], Auth = Auth.ApiKeyQuery("appid") });

        registry.Search("acme").Single().Definition.Name.ShouldBe("acme-crm");
        registry.Search(category: "data").Single().Definition.Name.ShouldBe("weather");
        registry.Search(authKind: AuthKind.ApiKey).Single().Definition.Name.ShouldBe("weather");
        registry.Search(authKind: AuthKind.Basic).ShouldBeEmpty();
    }

    [Fact]
    public void Discover_AttributedStaticClass_FindsDefinition()
    {
        var found = ConnectorDiscovery.Discover(typeof(AcmeCrm).Assembly).ToList();

        found.ShouldContain(f => f.Definition != null && f.Definition.Name == "acme-crm");
        found.ShouldAllBe(f => f.Failure == null);
    }
}

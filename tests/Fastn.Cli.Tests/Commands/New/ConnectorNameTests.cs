using Fastn.Cli.Commands.New;

namespace Fastn.Cli.Tests.Commands.New;

public sealed class ConnectorNameTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("my-app")]
    [InlineData("acme-crm-2")]
    [InlineData("x1-y2-z3")]
    public void Validate_KebabCase_ReturnsNoProblem(string name) =>
        ConnectorName.Validate(name).ShouldBeNull();

    [Theory]
    [InlineData("MyApp", "my-app")]
    [InlineData("my_app", "my-app")]
    [InlineData("My App", "my-app")]
    [InlineData("my--app", "my-app")]
    [InlineData("-my-app-", "my-app")]
    public void Validate_NotKebabCase_ExplainsAndSuggests(string name, string suggestion)
    {
        var problem = ConnectorName.Validate(name);

        problem.ShouldNotBeNull();
        problem.ShouldContain($"'{name}' is not a valid connector name");
        problem.ShouldContain("kebab-case");
        problem.ShouldContain($"Did you mean '{suggestion}'?");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("1app")]
    [InlineData("app!")]
    [InlineData("ç-app")]
    public void Validate_Invalid_ReturnsProblem(string name) =>
        ConnectorName.Validate(name).ShouldNotBeNull();

    [Theory]
    [InlineData("cdm")]
    [InlineData("auth")]
    [InlineData("system")]
    public void Validate_NameClashingWithGeneratedCode_Refuses(string name) =>
        ConnectorName.Validate(name).ShouldNotBeNull().ShouldContain("clash");

    [Fact]
    public void Parse_MultiWordName_DerivesPascalAndDisplayName()
    {
        var name = ConnectorName.Parse("acme-crm-2");

        name.Kebab.ShouldBe("acme-crm-2");
        name.Pascal.ShouldBe("AcmeCrm2");
        name.DefaultDisplayName.ShouldBe("Acme Crm 2");
    }

    [Fact]
    public void Parse_InvalidName_Throws() =>
        Should.Throw<ArgumentException>(() => ConnectorName.Parse("Acme")).Message.ShouldContain("kebab-case");
}

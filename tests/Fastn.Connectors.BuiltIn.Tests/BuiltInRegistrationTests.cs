using Fastn.Connectors.Validation;

namespace Fastn.Connectors.BuiltIn.Tests;

public sealed class BuiltInRegistrationTests
{
    [Fact]
    public void All_EveryDefinition_IsValidAgainstVendorsAndSandbox()
    {
        foreach (var definition in BuiltInConnectors.All().Concat(BuiltInConnectors.All("http://localhost:5173/sandbox")))
        {
            ConnectorDefinitionValidator.Validate(definition).ShouldBeEmpty($"{definition.Name} has definition problems");
        }
    }

    [Fact]
    public void All_Sandboxed_PointsEveryUrlAtTheSandbox()
    {
        foreach (var definition in BuiltInConnectors.All("http://localhost:5173/sandbox"))
        {
            definition.BaseUrl.ShouldNotBeNull().ShouldStartWith("http://localhost:5173/sandbox/", customMessage: definition.Name);
        }
    }
}

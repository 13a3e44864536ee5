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
            var baseUrl = definition.BaseUrl.ShouldNotBeNull();
            if (!baseUrl.StartsWith('{'))
            {
                baseUrl.ShouldStartWith("http://localhost:5173/sandbox/", customMessage: definition.Name);
            }

            // A base URL that starts with a token-response value (Salesforce {instance_url}) comes from the OAuth server,
            // so that server must be the sandbox's.
            foreach (var oauth in definition.Auth.OfType<Fastn.Connectors.Authentication.OAuth2Auth>())
            {
                oauth.TokenUrl.ShouldNotBeNull().ShouldStartWith("http://localhost:5173/sandbox/", customMessage: definition.Name);
                oauth.AuthorizationUrl?.ShouldStartWith("http://localhost:5173/sandbox/", customMessage: definition.Name);
            }
        }
    }
}

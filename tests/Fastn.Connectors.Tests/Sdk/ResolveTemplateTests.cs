using Fastn.Connectors.Authentication;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.Tests.Sdk;

/// <summary>Placeholder values from a connection never change which address a URL template names.</summary>
public sealed class ResolveTemplateTests
{
    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("%2e%2e")]
    [InlineData("%252e%252e")]
    [InlineData("")]
    public void ResolveTemplate_DotSegmentValue_IsRefusedNamingThePlaceholder(string value)
    {
        var ex = Should.Throw<ConnectorValidationException>(() =>
            OAuth2Auth.ResolveTemplate("https://api.example.com/Accounts/{sid}/Messages", new Dictionary<string, string> { ["sid"] = value }));

        ex.Message.ShouldContain("'sid'");
    }

    [Theory]
    [InlineData("AC123", "https://api.example.com/Accounts/AC123/Messages")]
    [InlineData("a/../b", "https://api.example.com/Accounts/a%2F..%2Fb/Messages")]
    [InlineData("a.b", "https://api.example.com/Accounts/a.b/Messages")]
    [InlineData("x?y#z", "https://api.example.com/Accounts/x%3Fy%23z/Messages")]
    public void ResolveTemplate_OtherValues_AreEscapedIntoOneSegment(string value, string expected) =>
        OAuth2Auth.ResolveTemplate("https://api.example.com/Accounts/{sid}/Messages", new Dictionary<string, string> { ["sid"] = value })
            .ShouldBe(expected);

    [Fact]
    public void ResolveTemplate_DotValueForAPlaceholderTheTemplateDoesNotUse_IsIgnored() =>
        OAuth2Auth.ResolveTemplate("https://api.example.com/v1", new Dictionary<string, string> { ["unused"] = ".." })
            .ShouldBe("https://api.example.com/v1");
}

using Fastn.Connectors.Authentication;

namespace Fastn.Connectors.Tests.Sdk;

/// <summary>Issue 9 §2: a credential field's pattern must match the whole value.</summary>
public sealed class CredentialFieldTests
{
    // Shopify's shop field: "abc\n" was accepted because .NET's '$' also matches before a final newline.
    private static readonly CredentialField Shop = CredentialField.Text("shop", "Shop", "subdomain", "[a-zA-Z0-9][a-zA-Z0-9-]{0,59}");

    [Theory]
    [InlineData("my-store", true)]
    [InlineData("abc\n", false)]
    [InlineData("abc\r\n", false)]
    [InlineData("\nabc", false)]
    [InlineData("abc.evil.example", false)]
    [InlineData("", false)]
    public void Matches_ShopPattern_WholeValueOnly(string value, bool matches) => Shop.Matches(value).ShouldBe(matches);

    [Fact]
    public void Matches_PatternWithItsOwnAnchors_StillWholeValue()
    {
        var field = CredentialField.Text("region", "Region", null, "^(eu|us)$");

        field.Matches("eu").ShouldBeTrue();
        field.Matches("eu\n").ShouldBeFalse();
        field.Matches("eu|us").ShouldBeFalse();
    }

    [Fact]
    public void Matches_NoPattern_AnyValue() => new CredentialField("x", "X").Matches("anything\n").ShouldBeTrue();
}

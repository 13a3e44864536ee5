using Fastn.Connectors.Http;

namespace Fastn.Connectors.Tests.Sdk;

public sealed class UrlTemplateTests
{
    [Fact]
    public void Path_OrdinaryValues_EscapesEachAsOneSegment()
    {
        var url = UrlTemplate.Path("repos/{owner}/{repo}/issues/{number}", "octo cat", "a/b?c#d", 42);

        url.ShouldBe("repos/octo%20cat/a%2Fb%3Fc%23d/issues/42");
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("")]
    [InlineData("%2e")]
    [InlineData("%2e%2e")]
    [InlineData("%2E%2E")]
    [InlineData(".%2e")]
    [InlineData("%252e%252e")]
    public void Path_DotOrEmptyValue_ThrowsValidationNamingThePlaceholder(string value)
    {
        var ex = Should.Throw<ConnectorValidationException>(() => UrlTemplate.Path("customers/{id}", value));

        ex.Message.ShouldContain("{id}");
        ex.Message.ShouldContain("nothing was sent");
        ex.ProblemType.ShouldBe("fastn:validation");
    }

    [Fact]
    public void Path_NullValue_ThrowsValidation() =>
        Should.Throw<ConnectorValidationException>(() => UrlTemplate.Path("customers/{id}", [null])).Message.ShouldContain("missing");

    [Theory]
    [InlineData("...")]
    [InlineData(".a")]
    [InlineData("a..")]
    [InlineData("%2e%2e%2e")]
    public void Path_DotsThatAreNotDotSegments_AreKept(string value) =>
        UrlTemplate.Path("files/{name}", value).ShouldBe("files/" + Uri.EscapeDataString(value));

    [Fact]
    public void Path_PlaceholderInQuery_EscapedAsQueryValueWithoutSegmentRule() =>
        UrlTemplate.Path("sobjects/{type}/{id}?fields={fields}", "Contact", "003", "..").ShouldBe("sobjects/Contact/003?fields=..");

    [Fact]
    public void Path_PlaceholderInsideSegment_IsEscaped() =>
        UrlTemplate.Path("webhooks/{id}.json", "1/2").ShouldBe("webhooks/1%2F2.json");

    [Fact]
    public void Path_ValueCountDoesNotMatch_ThrowsArgumentException()
    {
        Should.Throw<ArgumentException>(() => UrlTemplate.Path("a/{x}/{y}", "1"));
        Should.Throw<ArgumentException>(() => UrlTemplate.Path("a/{x}", "1", "2"));
        Should.Throw<ArgumentException>(() => UrlTemplate.Path("a/{x", "1"));
    }

    [Fact]
    public void Segment_DotDot_Throws() =>
        Should.Throw<ConnectorValidationException>(() => UrlTemplate.Segment("..", "owner")).Message.ShouldContain("owner");
}

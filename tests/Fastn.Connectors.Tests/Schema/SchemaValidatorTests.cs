using System.Text.Json.Nodes;
using Fastn.Connectors.Schema;

namespace Fastn.Connectors.Tests.Schema;

public sealed class SchemaValidatorTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {"type":"object","properties":{"email":{"type":"string"},"items":{"type":"array","items":{"type":"object","properties":{"qty":{"type":"integer"}},"required":["qty"]}}},"required":["email"]}
        """)!.AsObject();

    [Fact]
    public void Validate_ValidInstance_ReturnsNull() =>
        SchemaValidator.Validate(Schema, JsonNode.Parse("""{"email":"a@b.c","items":[{"qty":1}]}""")).ShouldBeNull();

    [Fact]
    public void Validate_WrongNestedType_NamesJsonPath()
    {
        var failure = SchemaValidator.Validate(Schema, JsonNode.Parse("""{"email":"a@b.c","items":[{"qty":1},{"qty":"two"}]}""")).ShouldNotBeNull();

        failure.Path.ShouldBe("$.items[1].qty");
    }

    [Fact]
    public void Validate_MissingRequired_Fails() =>
        SchemaValidator.Validate(Schema, new JsonObject()).ShouldNotBeNull().Message.ShouldContain("email");

    [Theory]
    [InlineData("", "$")]
    [InlineData("/a/0/b~1c", "$.a[0].b/c")]
    public void ToJsonPath_ConvertsPointers(string pointer, string path) => SchemaValidator.ToJsonPath(pointer).ShouldBe(path);

    [Fact]
    public void ValidateInput_UnknownTopLevelField_RefusedNamingTheFieldsItTakes()
    {
        var failure = SchemaValidator.ValidateInput(Schema, JsonNode.Parse("""{"email":"a@b.c","evil":true}""")).ShouldNotBeNull();

        failure.Path.ShouldBe("$.evil");
        failure.Message.ShouldContain("'evil' is not a field");
        failure.Message.ShouldContain("email, items");
    }

    [Fact]
    public void ValidateInput_UnknownNestedFieldInArrayItem_RefusedWithItsPath() =>
        SchemaValidator.ValidateInput(Schema, JsonNode.Parse("""{"email":"a@b.c","items":[{"qty":1},{"qty":2,"price":3}]}"""))
            .ShouldNotBeNull().Path.ShouldBe("$.items[1].price");

    [Fact]
    public void Validate_Output_UnknownFieldStillAllowed() =>
        SchemaValidator.Validate(Schema, JsonNode.Parse("""{"email":"a@b.c","extra":1}""")).ShouldBeNull();

    [Theory]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":true}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"boolean"}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"patternProperties":{"^x-":{}}}""")]
    [InlineData("""{"type":"object","properties":{"a":{"type":"string"}},"allOf":[{"properties":{"b":{}}}]}""")]
    [InlineData("""{"type":"object"}""")]
    public void ValidateInput_SchemaThatOpensTheObject_ExtraFieldAllowed(string schema)
    {
        var open = JsonNode.Parse(schema)!.AsObject();

        SchemaValidator.ValidateInput(open, JsonNode.Parse("""{"a":"x","x-b":true}""")).ShouldBeNull();
    }

    [Theory]
    [InlineData("abc", true)]
    [InlineData("abc\n", false)]
    [InlineData("ab$", true)]
    public void Validate_PatternWithDollar_EndsAtTheEndOfTheText(string value, bool valid)
    {
        var schema = JsonNode.Parse("""{"type":"object","properties":{"shop":{"type":"string","pattern":"^[a-z$]+$"}}}""")!.AsObject();

        var failure = SchemaValidator.Validate(schema, new JsonObject { ["shop"] = value });

        if (valid)
        {
            failure.ShouldBeNull();
        }
        else
        {
            failure.ShouldNotBeNull().Path.ShouldBe("$.shop");
        }
    }

    [Theory]
    [InlineData("^a$", "^a\\z")]
    [InlineData("^a\\$$", "^a\\$\\z")]
    [InlineData("^[$]+$", "^[$]+\\z")]
    [InlineData("^[\\]$]$", "^[\\]$]\\z")]
    [InlineData("a|b$", "a|b\\z")]
    public void AnchorPattern_UnescapedDollarOutsideClass_BecomesEndOfText(string pattern, string anchored) =>
        SchemaValidator.AnchorPattern(pattern).ShouldBe(anchored);
}

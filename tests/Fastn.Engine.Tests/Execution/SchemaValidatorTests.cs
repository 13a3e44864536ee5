using System.Text.Json.Nodes;
using Fastn.Engine.Execution;

namespace Fastn.Engine.Tests.Execution;

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
}

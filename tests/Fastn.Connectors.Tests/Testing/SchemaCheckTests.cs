using System.Text.Json.Nodes;
using Fastn.Connectors.Schema;
using Fastn.Connectors.Testing;

namespace Fastn.Connectors.Tests.Testing;

/// <summary>The test kit judges values with the runtime's validator, so a test passes only what a real call would accept.</summary>
public sealed class SchemaCheckTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {"type":"object","properties":{"code":{"type":"string","pattern":"^[a-z]+$"},"items":{"type":"array","items":{"type":"object","properties":{"qty":{"type":"integer"}},"required":["qty"]}}}}
        """)!.AsObject();

    [Fact]
    public void Validate_PatternValueWithTrailingNewline_FailsAsInTheRuntime()
    {
        var instance = new JsonObject { ["code"] = "abc\n" };

        var errors = SchemaCheck.Validate(Schema, instance);

        errors.ShouldContain(e => e.Path == "$.code" && e.Message.Contains("(pattern)"));
        SchemaValidator.Validate(Schema, instance).ShouldNotBeNull().Path.ShouldBe("$.code");
    }

    [Fact]
    public void Validate_NestedFailure_ReportsEveryErrorWithJsonPath()
    {
        var errors = SchemaCheck.Validate(Schema, JsonNode.Parse("""{"code":"ok","items":[{"qty":1},{"qty":"two"},{}]}"""));

        errors.ShouldContain(e => e.Path == "$.items[1].qty" && e.Message.Contains("(type)"));
        errors.ShouldContain(e => e.Path == "$.items[2]" && e.Message.Contains("(required)"));
    }

    [Fact]
    public void Validate_ValidValue_NoErrors() =>
        SchemaCheck.Validate(Schema, JsonNode.Parse("""{"code":"abc","items":[{"qty":1}]}""")).ShouldBeEmpty();

    [Fact]
    public void ValidateSchema_NotASchema_ReportsMetaSchemaError() =>
        SchemaCheck.ValidateSchema(JsonNode.Parse("""{"type":"no-such-type"}""")).ShouldNotBeEmpty();
}

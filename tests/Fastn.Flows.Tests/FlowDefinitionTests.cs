using System.Text.Json.Nodes;
using Fastn.Flows.Steps;
using Fastn.Flows.Templates;
using Fastn.Flows.Triggers;
using Fastn.Flows.Validation;

namespace Fastn.Flows.Tests;

public sealed class FlowDefinitionTests
{
    private const string WalkThrough = """
        {
          "schema": "fastn.flow/v1",
          "name": "acme-contact-to-hubspot",
          "trigger": { "type": "event", "connector": "acme", "trigger": "contact_changed" },
          "steps": [
            { "type": "cdmMap", "id": "to_hubspot", "from": { "connector": "acme", "entity": "contact" }, "to": { "connector": "hubspot", "entity": "contact" }, "record": "{{ trigger.payload }}" },
            { "type": "action", "id": "create_contact", "connector": "hubspot", "action": "create_contact", "input": { "properties": "{{ steps.to_hubspot.output }}" } },
            { "type": "condition", "id": "is_vip", "if": "trigger.payload.vip === true",
              "then": [ { "type": "action", "id": "post_message", "connector": "slack", "action": "send_message", "input": { "channel": "C1", "text": "New VIP {{ trigger.payload.email }}: {{ steps.create_contact.output.id }}" } } ] }
          ]
        }
        """;

    [Fact]
    public void Builder_ProducesTheSameDefinitionAsTheJson()
    {
        var built = Flow.Named("acme-contact-to-hubspot")
            .OnEvent("acme", "contact_changed")
            .MapCdm("to_hubspot", ("acme", "contact"), ("hubspot", "contact"), "{{ trigger.payload }}")
            .Action("create_contact", "hubspot", "create_contact", new { properties = "{{ steps.to_hubspot.output }}" })
            .If("is_vip", "trigger.payload.vip === true", then => then
                .Action("post_message", "slack", "send_message", new { channel = "C1", text = "New VIP {{ trigger.payload.email }}: {{ steps.create_contact.output.id }}" }))
            .Build();

        var parsed = FlowJson.Parse(WalkThrough);

        JsonNode.DeepEquals(FlowJson.ToNode(built), FlowJson.ToNode(parsed)).ShouldBeTrue(FlowJson.Serialize(built));
        FlowValidator.Validate(parsed).ShouldBeEmpty();
    }

    [Fact]
    public void Parse_UnknownStepTypeAndProperty_SaysWhere()
    {
        var unknownType = Should.Throw<FlowDefinitionException>(() => FlowJson.Parse("""
            { "name": "f", "trigger": { "type": "manual" }, "steps": [ { "type": "sleep", "id": "a" } ] }
            """));
        unknownType.Problems.ShouldHaveSingleItem().Path.ShouldBe("$.steps[0].type");
        unknownType.Problems[0].Message.ShouldContain("transform");

        var typo = Should.Throw<FlowDefinitionException>(() => FlowJson.Parse("""
            { "name": "f", "trigger": { "type": "manual" }, "steps": [ { "type": "transform", "id": "a", "vaule": 1 } ] }
            """));
        typo.Problems.ShouldHaveSingleItem().Path.ShouldContain("steps[0]");
        typo.Problems[0].Message.ShouldContain("not part of the flow format");

        Should.Throw<FlowDefinitionException>(() => FlowJson.Parse("[1,2]")).Problems.ShouldHaveSingleItem().Path.ShouldBe("$");
        Should.Throw<FlowDefinitionException>(() => FlowJson.Parse("{ not json")).Problems.ShouldHaveSingleItem().Message.ShouldContain("not valid JSON");
    }

    [Fact]
    public void Validate_CyclesDanglingAndScope_EachProblemWithItsPath()
    {
        var definition = new FlowDefinition
        {
            Name = "Bad Name",
            Trigger = new ManualTrigger(),
            Steps =
            [
                new TransformStep { Id = "first", Value = JsonValue.Create("{{ steps.second.output }}")! },
                new TransformStep { Id = "second", Value = JsonValue.Create("{{ steps.second.output.x }}")! },
                new TransformStep { Id = "third", Value = JsonValue.Create("{{ steps.nowhere.output }}")! },
                new ForEachStep { Id = "loop", Items = "trigger.payload.items", Steps = [new TransformStep { Id = "inner", Value = JsonValue.Create("{{ item.id }}")! }] },
                new TransformStep { Id = "after", Value = new JsonObject { ["a"] = "{{ steps.inner.output }}", ["b"] = "{{ item }}", ["c"] = "{{ trigger.body }}" } },
                new TransformStep { Id = "first", Value = JsonValue.Create(1)! },
                new DelayStep { Id = "wait", Duration = "5 minutes" },
                new StopStep { Id = "done" },
                new TransformStep { Id = "unreachable", Value = JsonValue.Create(1)! },
            ],
        };

        var problems = FlowValidator.Validate(definition);

        problems.ShouldContain(p => p.Path == "$.name");
        problems.ShouldContain(p => p.Path == "$.steps[0].value" && p.Message.Contains("has not finished"));
        problems.ShouldContain(p => p.Path == "$.steps[1].value" && p.Message.Contains("its own output"));
        problems.ShouldContain(p => p.Path == "$.steps[2].value" && p.Message.Contains("does not exist"));
        problems.ShouldContain(p => p.Path == "$.steps[4].value.a" && p.Message.Contains("has not finished"));
        problems.ShouldContain(p => p.Path == "$.steps[4].value.b" && p.Message.Contains("forEach"));
        problems.ShouldContain(p => p.Path == "$.steps[4].value.c" && p.Message.Contains("trigger has no 'body'"));
        problems.ShouldContain(p => p.Path == "$.steps[5].id" && p.Message.Contains("already used at $.steps[0]"));
        problems.ShouldContain(p => p.Path == "$.steps[6].duration");
        problems.ShouldContain(p => p.Path == "$.steps[8]" && p.Message.Contains("never run"));
        problems.ShouldNotContain(p => p.Path.StartsWith("$.steps[3]", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WithCatalog_ChecksActionsAndInputTypes()
    {
        var catalog = new Catalog();
        var definition = Flow.Named("typed").Manually()
            .Action("lookup", "crm", "get_contact", new { id = "{{ trigger.payload.id }}" })
            .Action("create", "crm", "create_contact", new { email = "{{ steps.lookup.output.age }}", emial = "x", age = "forty" })
            .Action("missing", "crm", "explode")
            .Transform("read", "{{ steps.lookup.output.nickname }}");

        var problems = Should.Throw<FlowDefinitionException>(() => definition.Build(new FlowValidationContext { Catalog = catalog })).Problems;

        problems.ShouldContain(p => p.Path == "$.steps[1].input.email" && p.Message.Contains("takes a string") && p.Message.Contains("an integer"));
        problems.ShouldContain(p => p.Path == "$.steps[1].input.emial" && p.Message.Contains("has no input 'emial'"));
        problems.ShouldContain(p => p.Path == "$.steps[1].input.age" && p.Message.Contains("takes an integer"));
        problems.ShouldContain(p => p.Path == "$.steps[2].action" && p.Message.Contains("has no action 'explode'"));
        problems.ShouldContain(p => p.Path == "$.steps[3].value" && p.Message.Contains("has no 'nickname'"));
    }

    [Fact]
    public void Scanner_FindsReferencesOutsideStringsAndKeys()
    {
        var refs = ExpressionScanner.References("""steps.a.output.x + steps["b"].output + 'steps.c' + { trigger: 1 }.trigger + item?.name + foo.steps""");

        refs.Select(r => (r.Root, r.Step)).ShouldBe([("steps", "a"), ("steps", "b"), ("item", null)]);
        refs[0].Path.ShouldBe(["output", "x"]);
        TemplateText.SingleExpression("  {{ steps.a.output }} ").ShouldBe("steps.a.output");
        TemplateText.SingleExpression("Hi {{ x }}").ShouldBeNull();
        TemplateText.Split("{{ \"}}\" }}", out var error).ShouldHaveSingleItem().Text.ShouldBe("\"}}\"");
        error.ShouldBeNull();
        TemplateText.Split("{{ open", out error);
        error.ShouldNotBeNull().ShouldContain("never closed");
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("15m", 900)]
    [InlineData("1h", 3600)]
    [InlineData("2d", 172800)]
    [InlineData("500ms", 0.5)]
    [InlineData("PT1H30M", 5400)]
    public void Durations_ReadTheFlowForms(string text, double seconds) =>
        FlowDurations.Parse(text, out _).ShouldBe(TimeSpan.FromSeconds(seconds));

    private sealed class Catalog : IFlowCatalog
    {
        private static readonly JsonObject Contact = JsonNode.Parse("""
            { "type": "object", "properties": { "id": { "type": "string" }, "email": { "type": "string" }, "age": { "type": "integer" } }, "required": ["email"] }
            """)!.AsObject();

        public FlowCatalogConnector? FindConnector(string name) => name != "crm" ? null : new FlowCatalogConnector("crm",
            new Dictionary<string, FlowCatalogAction>
            {
                ["get_contact"] = new("get_contact", JsonNode.Parse("""{ "type": "object", "properties": { "id": { "type": "string" } } }""")!.AsObject(), Contact),
                ["create_contact"] = new("create_contact", Contact, Contact),
            }, ["contact_changed"], []);
    }
}

using System.Text.Json.Nodes;
using Fastn.Engine.Errors;
using Fastn.Engine.Triggers;

namespace Fastn.Engine.Tests.Triggers;

public sealed class EventFilterTests
{
    private static readonly JsonNode Payload = JsonNode.Parse("""
        {"action":"opened","issue":{"number":42,"state":"open","title":"Login broken","labels":["bug","p1"],"created_at":"2026-12-03T10:00:00Z"},
         "amount":1999,"items":[{"sku":"A-1"},{"sku":"B-2"}],"note":null}
        """)!;

    [Theory]
    [InlineData("""[{"path":"action","op":"eq","value":"opened"}]""", true)]
    [InlineData("""[{"path":"$.issue.state","op":"eq","value":"closed"}]""", false)]
    [InlineData("""[{"path":"issue.state","op":"neq","value":"closed"}]""", true)]
    [InlineData("""[{"path":"amount","op":"gt","value":1000}]""", true)]
    [InlineData("""[{"path":"amount","op":"gt","value":1999}]""", false)]
    [InlineData("""[{"path":"amount","op":"lt","value":2000.5}]""", true)]
    [InlineData("""[{"path":"amount","op":"eq","value":1999.0}]""", true)]
    [InlineData("""[{"path":"issue.created_at","op":"gt","value":"2026-12-01T00:00:00Z"}]""", true)]
    [InlineData("""[{"path":"issue.number","op":"in","value":[1,42]}]""", true)]
    [InlineData("""[{"path":"issue.number","op":"in","value":[1,2]}]""", false)]
    [InlineData("""[{"path":"issue.labels","op":"contains","value":"bug"}]""", true)]
    [InlineData("""[{"path":"issue.title","op":"contains","value":"Login"}]""", true)]
    [InlineData("""[{"path":"issue.title","op":"contains","value":"login"}]""", false)]
    [InlineData("""[{"path":"items[1].sku","op":"eq","value":"B-2"}]""", true)]
    [InlineData("""[{"path":"items[5].sku","op":"exists"}]""", false)]
    [InlineData("""[{"path":"note","op":"exists"}]""", true)]
    [InlineData("""[{"path":"missing","op":"exists","value":false}]""", true)]
    [InlineData("""[{"path":"missing","op":"eq","value":null}]""", true)]
    [InlineData("""[{"path":"missing","op":"lt","value":5}]""", false)]
    [InlineData("""[{"path":"action","op":"eq","value":"opened"},{"path":"issue.labels","op":"contains","value":"p2"}]""", false)]
    [InlineData("""[]""", true)]
    public void Matches_Conditions_AllMustHold(string filter, bool expected) =>
        EventFilter.Parse(JsonNode.Parse(filter) as JsonArray).Matches(Payload).ShouldBe(expected);

    [Theory]
    [InlineData("""[{"op":"eq","value":1}]""", "$.filters[0].path")]
    [InlineData("""[{"path":"a..b","op":"eq","value":1}]""", "$.filters[0].path")]
    [InlineData("""[{"path":"a[x]","op":"eq","value":1}]""", "$.filters[0].path")]
    [InlineData("""[{"path":"a[0]b","op":"eq","value":1}]""", "$.filters[0].path")]
    [InlineData("""[{"path":"a","op":"like","value":1}]""", "$.filters[0].op")]
    [InlineData("""[{"path":"a","op":"in","value":1}]""", "$.filters[0].value")]
    [InlineData("""[{"path":"a","op":"gt","value":{"x":1}}]""", "$.filters[0].value")]
    [InlineData("""[{"path":"a","op":"eq"}]""", "$.filters[0].value")]
    [InlineData("""[{"path":"a","op":"exists","value":"yes"}]""", "$.filters[0].value")]
    [InlineData("""["a"]""", "$.filters[0]")]
    public void Parse_BadCondition_ValidationAtItsPath(string filter, string path) =>
        Should.Throw<FastnException>(() => EventFilter.Parse(JsonNode.Parse(filter) as JsonArray)).Path.ShouldBe(path);

    [Fact]
    public void Stored_RoundTripsAndAnUnreadableOneLetsNothingThrough()
    {
        var filter = EventFilter.Parse(JsonNode.Parse("""[{"path":"issue.number","op":"in","value":[42]}]""") as JsonArray);
        EventFilter.FromStored(filter.ToJson()).Matches(Payload).ShouldBeTrue();
        EventFilter.FromStored("{not json").Matches(Payload).ShouldBeFalse();
        EventFilter.FromStored("[]").IsEmpty.ShouldBeTrue();
    }
}

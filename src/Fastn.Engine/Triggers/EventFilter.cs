using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Engine.Errors;

namespace Fastn.Engine.Triggers;

/// <summary>
/// Conditions on an event's payload that decide whether a consumer receives it: every condition must hold. A condition
/// names a path into the payload (<c>issue.state</c>, <c>$.items[0].sku</c>), an operator (<c>eq</c>, <c>neq</c>,
/// <c>gt</c>, <c>lt</c>, <c>in</c>, <c>contains</c>, <c>exists</c>) and a value.
/// </summary>
public sealed class EventFilter
{
    /// <summary>The operators.</summary>
    public static IReadOnlyList<string> Operators { get; } = ["eq", "neq", "gt", "lt", "in", "contains", "exists"];

    /// <summary>Most conditions one filter may hold.</summary>
    public const int MaxConditions = 20;

    private readonly IReadOnlyList<Condition> _conditions;

    private EventFilter(IReadOnlyList<Condition> conditions) => _conditions = conditions;

    /// <summary>A filter that lets every event through.</summary>
    public static EventFilter None { get; } = new([]);

    /// <summary>Whether the filter has no conditions.</summary>
    public bool IsEmpty => _conditions.Count == 0;

    /// <summary>
    /// Parses <c>[{"path": "issue.state", "op": "eq", "value": "open"}, …]</c>, or throws a validation error at
    /// <paramref name="jsonPath"/> saying what is wrong.
    /// </summary>
    public static EventFilter Parse(JsonArray? conditions, string jsonPath = "$.filters")
    {
        if (conditions is null || conditions.Count == 0)
        {
            return None;
        }

        if (conditions.Count > MaxConditions)
        {
            throw FastnException.Validation($"A filter holds at most {MaxConditions} conditions.", jsonPath);
        }

        var parsed = new List<Condition>(conditions.Count);
        for (var i = 0; i < conditions.Count; i++)
        {
            var at = $"{jsonPath}[{i}]";
            if (conditions[i] is not JsonObject condition)
            {
                throw FastnException.Validation("Each condition is an object {\"path\", \"op\", \"value\"}.", at);
            }

            var path = condition["path"] is JsonValue p && p.TryGetValue<string>(out var text) ? text : null;
            var segments = path is null ? null : ParsePath(path);
            if (segments is null)
            {
                throw FastnException.Validation("'path' must be a path into the payload such as issue.state, $.items[0].sku or labels.", at + ".path");
            }

            var op = condition["op"] is JsonValue o && o.TryGetValue<string>(out var opText) ? opText : null;
            if (op is null || !Operators.Contains(op, StringComparer.Ordinal))
            {
                throw FastnException.Validation($"'op' must be one of {string.Join(", ", Operators)}.", at + ".op");
            }

            var value = condition["value"];
            var problem = op switch
            {
                "in" when value is not JsonArray => "must be an array of the values to match",
                "gt" or "lt" when value is not JsonValue v || v.GetValueKind() is not (JsonValueKind.Number or JsonValueKind.String) => "must be a number or a string",
                "exists" when value is not null && value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False) => "must be true or false (or omitted for true)",
                "contains" when value is null => "is required",
                "eq" or "neq" when !condition.ContainsKey("value") => "is required (null matches a null or missing value)",
                _ => null,
            };
            if (problem is not null)
            {
                throw FastnException.Validation($"'value' for '{op}' {problem}.", at + ".value");
            }

            parsed.Add(new Condition(path!, segments, op, value?.DeepClone()));
        }

        return new EventFilter(parsed);
    }

    /// <summary>Parses a stored filter (the JSON array text <see cref="ToJson"/> wrote); an unreadable one lets nothing through.</summary>
    public static EventFilter FromStored(string? json)
    {
        if (string.IsNullOrEmpty(json) || json == "[]")
        {
            return None;
        }

        try
        {
            return Parse(JsonNode.Parse(json) as JsonArray);
        }
        catch (Exception ex) when (ex is JsonException or FastnException)
        {
            return new EventFilter([new Condition("", [], "never", null)]);
        }
    }

    /// <summary>The filter as stored.</summary>
    public string ToJson() => new JsonArray([.. _conditions.Select(c => (JsonNode)new JsonObject
    {
        ["path"] = c.Path,
        ["op"] = c.Op,
        ["value"] = c.Value?.DeepClone(),
    })]).ToJsonString();

    /// <summary>The conditions as JSON, for views.</summary>
    public JsonArray ToJsonArray() => (JsonArray)JsonNode.Parse(ToJson())!;

    /// <summary>Whether the payload meets every condition.</summary>
    public bool Matches(JsonNode? payload) => _conditions.All(c => c.Holds(payload));

    // "issue.state", "$.items[0].sku", "labels" → ["issue", "state"], ["items", 0, "sku"], ["labels"].
    private static IReadOnlyList<object>? ParsePath(string path)
    {
        var text = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path == "$" ? "" : path;
        if (text.Length == 0 || text.Length > 200)
        {
            return null;
        }

        var segments = new List<object>();
        foreach (var part in text.Split('.'))
        {
            var name = part;
            var bracket = name.IndexOf('[', StringComparison.Ordinal);
            var head = bracket < 0 ? name : name[..bracket];
            if (head.Length == 0 && bracket != 0 || head.Any(c => char.IsControl(c) || c is ']' or '['))
            {
                return null;
            }

            if (head.Length > 0)
            {
                segments.Add(head);
            }

            while (bracket >= 0)
            {
                var close = name.IndexOf(']', bracket);
                if (close < 0 || !int.TryParse(name.AsSpan(bracket + 1, close - bracket - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                {
                    return null;
                }

                segments.Add(index);
                name = name[(close + 1)..];
                if (name.Length > 0 && name[0] != '[')
                {
                    return null;
                }

                bracket = name.Length == 0 ? -1 : 0;
            }
        }

        return segments.Count == 0 ? null : segments;
    }

    private sealed record Condition(string Path, IReadOnlyList<object> Segments, string Op, JsonNode? Value)
    {
        public bool Holds(JsonNode? payload)
        {
            var (found, node) = Resolve(payload);
            return Op switch
            {
                "exists" => found == (Value?.GetValueKind() != JsonValueKind.False),
                "eq" => Equal(node, Value),
                "neq" => !Equal(node, Value),
                "in" => Value is JsonArray options && options.Any(o => Equal(node, o)),
                "gt" => Compare(node, Value) > 0,
                "lt" => Compare(node, Value) is { } c && c < 0,
                "contains" => Contains(node, Value),
                _ => false,
            };
        }

        private (bool Found, JsonNode? Node) Resolve(JsonNode? node)
        {
            foreach (var segment in Segments)
            {
                switch (segment)
                {
                    case string name when node is JsonObject obj && obj.TryGetPropertyValue(name, out var child):
                        node = child;
                        break;
                    case int index when node is JsonArray array && index < array.Count:
                        node = array[index];
                        break;
                    default:
                        return (false, null);
                }
            }

            return (true, node);
        }

        private static bool Equal(JsonNode? a, JsonNode? b) =>
            a is null || b is null ? a is null && b is null
            : Number(a) is { } x && Number(b) is { } y ? x == y
            : JsonNode.DeepEquals(a, b);

        private static int? Compare(JsonNode? a, JsonNode? b)
        {
            if (Number(a) is { } x && Number(b) is { } y)
            {
                return x.CompareTo(y);
            }

            // ISO 8601 times and other strings compare ordinally.
            return a is JsonValue av && av.TryGetValue<string>(out var s) && b is JsonValue bv && bv.TryGetValue<string>(out var t)
                ? string.CompareOrdinal(s, t)
                : null;
        }

        private static bool Contains(JsonNode? node, JsonNode? value) => node switch
        {
            JsonArray array => array.Any(item => Equal(item, value)),
            JsonValue text when text.TryGetValue<string>(out var s) && value is JsonValue v && v.TryGetValue<string>(out var part) =>
                s.Contains(part, StringComparison.Ordinal),
            _ => false,
        };

        private static decimal? Number(JsonNode? node) =>
            node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && decimal.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
    }
}

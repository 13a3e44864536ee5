using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fastn.Connectors.Testing;

/// <summary>Lists the differences between two JSON values, one line per differing path.</summary>
public static class JsonDiff
{
    /// <summary>Returns the differences (empty when equal); numbers compare by value, object member order is ignored.</summary>
    /// <param name="expected">The expected value.</param>
    /// <param name="actual">The actual value.</param>
    /// <param name="path">The JSON path of the two values, used in the lines.</param>
    public static IReadOnlyList<string> Compare(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        var differences = new List<string>();
        Walk(expected, actual, path, differences);
        return differences;
    }

    private static void Walk(JsonNode? expected, JsonNode? actual, string path, List<string> differences)
    {
        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in e)
                {
                    if (!a.TryGetPropertyValue(name, out var other))
                    {
                        differences.Add($"{Child(path, name)}: missing (expected {Show(value)})");
                    }
                    else
                    {
                        Walk(value, other, Child(path, name), differences);
                    }
                }

                foreach (var (name, value) in a.Where(p => !e.ContainsKey(p.Key)))
                {
                    differences.Add($"{Child(path, name)}: not expected (got {Show(value)})");
                }

                break;
            case (JsonArray e, JsonArray a):
                if (e.Count != a.Count)
                {
                    differences.Add($"{path}: expected {e.Count} item(s), got {a.Count}");
                }

                for (var i = 0; i < Math.Min(e.Count, a.Count); i++)
                {
                    Walk(e[i], a[i], $"{path}[{i}]", differences);
                }

                break;
            default:
                if (!ValueEquals(expected, actual))
                {
                    differences.Add($"{path}: expected {Show(expected)}, got {Show(actual)}");
                }

                break;
        }
    }

    private static bool ValueEquals(JsonNode? expected, JsonNode? actual)
    {
        if (expected is JsonValue e && actual is JsonValue a
            && e.GetValueKind() == JsonValueKind.Number && a.GetValueKind() == JsonValueKind.Number
            && decimal.TryParse(e.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x)
            && decimal.TryParse(a.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var y))
        {
            return x == y;
        }

        return JsonNode.DeepEquals(expected, actual);
    }

    private static string Child(string path, string name) =>
        name.All(c => char.IsLetterOrDigit(c) || c == '_') && name.Length > 0 ? $"{path}.{name}" : $"{path}['{name}']";

    private static string Show(JsonNode? node)
    {
        var text = node is null ? "null" : node.ToJsonString();
        return text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 120), "…");
    }
}

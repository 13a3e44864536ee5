using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fastn.Flows.Validation;

// Follows a property path through a JSON Schema as far as the schema says what is there.
internal static class SchemaPath
{
    // The sub-schema at the path; null when unknown. `missing` is set only when the schema says the name cannot exist.
    public static JsonObject? Resolve(JsonObject schema, IReadOnlyList<string> path, out string? missing)
    {
        missing = null;
        var current = schema;
        var walked = "steps.{step}.output";
        foreach (var segment in path)
        {
            if (segment.Length == 0)
            {
                return null;
            }

            if (current["properties"] is JsonObject properties)
            {
                if (properties[segment] is JsonObject next)
                {
                    current = next;
                    walked += "." + segment;
                    continue;
                }

                if (!AllowsMore(current) && !int.TryParse(segment, out _))
                {
                    missing = $"{walked} has no '{segment}'; it has: {string.Join(", ", properties.Select(p => p.Key))}.";
                }

                return null;
            }

            if (int.TryParse(segment, out _) && current["items"] is JsonObject items)
            {
                current = items;
                walked += $"[{segment}]";
                continue;
            }

            return null;
        }

        return current;
    }

    // JSON Schema allows unknown properties unless additionalProperties is false; generated schemas of C# records
    // say nothing, yet their properties are all there is, so only an explicit true or schema means "more may come".
    public static bool AllowsMore(JsonObject schema) =>
        schema["additionalProperties"] is JsonObject || (schema["additionalProperties"] is JsonValue v && v.GetValueKind() == JsonValueKind.True)
        || schema["patternProperties"] is not null;

    // The JSON types a schema allows, or empty when it does not say.
    public static IReadOnlyList<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        JsonArray a => [.. a.OfType<JsonValue>().Where(x => x.GetValueKind() == JsonValueKind.String).Select(x => x.GetValue<string>())],
        _ => [],
    };
}

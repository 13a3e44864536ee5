using System.Text.Json.Nodes;

namespace Fastn.Dashboard.Catalog;

/// <summary>One field of a JSON Schema as a person reads it: dotted name, type, required, description.</summary>
/// <param name="Name">The field's path (<c>address.city</c>, <c>items[].sku</c>).</param>
/// <param name="Type">A readable type (<c>string (email)</c>, <c>array of object</c>, <c>one of: a, b</c>).</param>
/// <param name="Required">Whether the field must be present.</param>
/// <param name="Description">The schema's description, if any.</param>
/// <param name="Depth">Nesting depth, for indentation.</param>
internal sealed record SchemaField(string Name, string Type, bool Required, string? Description, int Depth)
{
    private const int MaxDepth = 6;

    /// <summary>Flattens an object schema's properties (nested objects and arrays of objects included).</summary>
    public static IReadOnlyList<SchemaField> Of(JsonObject? schema)
    {
        var fields = new List<SchemaField>();
        if (schema is not null)
        {
            Walk(schema, schema, "", 0, fields);
        }

        return fields;
    }

    private static void Walk(JsonObject root, JsonObject schema, string prefix, int depth, List<SchemaField> fields)
    {
        schema = Resolve(root, schema);
        if (depth > MaxDepth || schema["properties"] is not JsonObject properties)
        {
            return;
        }

        var required = schema["required"] is JsonArray list ? list.Select(r => r?.GetValue<string>()).ToHashSet(StringComparer.Ordinal) : [];
        foreach (var (name, node) in properties)
        {
            if (node is not JsonObject property)
            {
                continue;
            }

            var resolved = Resolve(root, property);
            var path = prefix + name;
            fields.Add(new SchemaField(path, Describe(root, resolved), required.Contains(name), Text(property["description"]) ?? Text(resolved["description"]), depth));
            if (HasType(resolved, "object"))
            {
                Walk(root, resolved, path + ".", depth + 1, fields);
            }
            else if (HasType(resolved, "array") && resolved["items"] is JsonObject items && HasType(Resolve(root, items), "object"))
            {
                Walk(root, items, path + "[].", depth + 1, fields);
            }
        }
    }

    private static string Describe(JsonObject root, JsonObject schema)
    {
        if (schema["enum"] is JsonArray values)
        {
            return "one of: " + string.Join(", ", values.Where(v => v is not null).Select(v => v!.ToJsonString().Trim('"')));
        }

        var types = Types(schema).Where(t => t != "null").ToList();
        var nullable = Types(schema).Contains("null");
        var type = types.Count switch
        {
            0 => schema["anyOf"] is JsonArray || schema["oneOf"] is JsonArray ? "any of several" : "any",
            1 => types[0],
            _ => string.Join(" or ", types),
        };
        if (type == "array" && schema["items"] is JsonObject items)
        {
            type = "array of " + Describe(root, Resolve(root, items));
        }

        if (Text(schema["format"]) is { } format)
        {
            type += $" ({format})";
        }

        return nullable ? type + ", nullable" : type;
    }

    private static IEnumerable<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonValue value when Text(value) is { } one => [one],
        JsonArray many => many.Select(Text).OfType<string>(),
        _ => schema["properties"] is JsonObject ? ["object"] : [],
    };

    private static bool HasType(JsonObject schema, string type) => Types(schema).Contains(type);

    /// <summary>Follows a local <c>$ref</c> (<c>#/$defs/…</c> or <c>#/definitions/…</c>) once.</summary>
    private static JsonObject Resolve(JsonObject root, JsonObject schema)
    {
        if (Text(schema["$ref"]) is not { } reference || !reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return schema;
        }

        JsonNode? node = root;
        foreach (var segment in reference[2..].Split('/'))
        {
            node = node is JsonObject o ? o[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)] : null;
        }

        return node as JsonObject ?? schema;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}

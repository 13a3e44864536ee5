using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Fastn.Engine.Execution;

/// <summary>
/// Validates JSON against an action's schema, compiling each schema once; reports the first failing JSON path.
/// Two rules are stricter than a plain JSON Schema evaluator here:
/// <list type="bullet">
/// <item><c>pattern</c> is matched as ECMA-262 does, so <c>$</c> is the end of the text: .NET's <c>$</c> also matches
/// before a final newline, which let <c>"abc\n"</c> pass <c>^[a-z]+$</c>.</item>
/// <item>Inputs (<see cref="ValidateInput"/>) refuse fields the schema does not name, unless the object schema says
/// otherwise (<c>additionalProperties</c>, <c>patternProperties</c>, or a composition such as <c>allOf</c>).</item>
/// </list>
/// </summary>
public static class SchemaValidator
{
    private static readonly ConditionalWeakTable<JsonObject, JsonSchema> Compiled = new();
    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List };

    // Keys whose values are data, not schemas: a "pattern" inside them is not a pattern.
    private static readonly HashSet<string> DataKeywords = ["default", "examples", "const", "enum", "example"];

    // Object keywords that decide about unnamed fields themselves.
    private static readonly string[] OpenKeywords = ["additionalProperties", "patternProperties", "unevaluatedProperties", "allOf", "anyOf", "oneOf", "not", "if", "$ref", "$dynamicRef", "dependentSchemas"];

    /// <summary>Validates an action's input: the schema, plus no field the schema does not name.</summary>
    public static (string Path, string Message)? ValidateInput(JsonObject schema, JsonNode? instance)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return UnknownField(schema, instance, "$") ?? Validate(schema, instance);
    }

    /// <summary>Returns <see langword="null"/> when valid, otherwise the failing path (<c>$.email</c>) and message.</summary>
    public static (string Path, string Message)? Validate(JsonObject schema, JsonNode? instance)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var compiled = Compiled.GetValue(schema, s => JsonSchema.FromText(AnchorPatterns(s).ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
        var element = instance is null ? default : JsonSerializer.SerializeToElement(instance);
        if (instance is null)
        {
            using var nullDocument = JsonDocument.Parse("null");
            element = nullDocument.RootElement.Clone();
        }

        // The flag format stops at the first failure; details are computed only for invalid input.
        if (compiled.Evaluate(element, Quick).IsValid)
        {
            return null;
        }

        var result = compiled.Evaluate(element, Detailed);

        var failure = result.Details?.Where(d => d.Errors is { Count: > 0 })
            .OrderByDescending(d => d.InstanceLocation.ToString().Length)
            .FirstOrDefault() ?? result;
        var pointer = failure.InstanceLocation.ToString();
        var message = failure.Errors is { Count: > 0 } errors ? string.Join("; ", errors.Values) : "The value does not match the schema.";
        return (ToJsonPath(pointer), message);
    }

    /// <summary>Turns a JSON Pointer (<c>/items/0/email</c>) into a JSON path (<c>$.items[0].email</c>).</summary>
    public static string ToJsonPath(string pointer)
    {
        if (string.IsNullOrEmpty(pointer) || pointer == "/")
        {
            return "$";
        }

        var path = "$";
        foreach (var raw in pointer.TrimStart('/').Split('/'))
        {
            var part = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            path += int.TryParse(part, out _) ? $"[{part}]" : $".{part}";
        }

        return path;
    }

    /// <summary>
    /// Rewrites an ECMA-262 pattern for .NET so that an unescaped <c>$</c> outside a character class means the end of
    /// the text (<c>\z</c>), as it does in ECMA-262 without the multiline flag.
    /// </summary>
    public static string AnchorPattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var result = new StringBuilder(pattern.Length + 4);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                result.Append(c).Append(pattern[++i]);
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                result.Append(c);
                continue;
            }

            inClass = c == '[';
            result.Append(c == '$' ? "\\z" : c.ToString());
        }

        return result.ToString();
    }

    private static JsonNode AnchorPatterns(JsonObject schema)
    {
        var copy = schema.DeepClone();
        Walk(copy);
        return copy;

        static void Walk(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    if (obj["pattern"] is JsonValue value && value.TryGetValue<string>(out var pattern))
                    {
                        obj["pattern"] = AnchorPattern(pattern);
                    }

                    if (obj["patternProperties"] is JsonObject patterns)
                    {
                        foreach (var (key, sub) in patterns.ToList())
                        {
                            patterns.Remove(key);
                            patterns[AnchorPattern(key)] = sub;
                        }
                    }

                    foreach (var (key, child) in obj.ToList())
                    {
                        if (!DataKeywords.Contains(key))
                        {
                            Walk(child);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var item in array)
                    {
                        Walk(item);
                    }

                    break;
            }
        }
    }

    // The first field of the instance that a closed object schema does not name, with the fields it does.
    private static (string Path, string Message)? UnknownField(JsonObject schema, JsonNode? instance, string path)
    {
        if (instance is JsonObject obj && schema["properties"] is JsonObject properties && !OpenKeywords.Any(schema.ContainsKey))
        {
            foreach (var (name, value) in obj)
            {
                var fieldPath = path + "." + Quote(name);
                if (!properties.ContainsKey(name))
                {
                    var known = properties.Select(p => p.Key).ToList();
                    return (fieldPath, $"'{Quote(name)}' is not a field of this input. "
                        + (known.Count == 0 ? "It takes no fields." : $"It takes: {string.Join(", ", known)}.")
                        + " Remove the field or check its spelling.");
                }

                if (properties[name] is JsonObject fieldSchema && UnknownField(fieldSchema, value, fieldPath) is { } nested)
                {
                    return nested;
                }
            }
        }
        else if (instance is JsonArray array && schema["items"] is JsonObject itemSchema && !OpenKeywords.Any(schema.ContainsKey))
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (UnknownField(itemSchema, array[i], $"{path}[{i}]") is { } nested)
                {
                    return nested;
                }
            }
        }

        return null;
    }

    private static string Quote(string name) => name.Length <= 100 ? name : name[..100] + "…";
}

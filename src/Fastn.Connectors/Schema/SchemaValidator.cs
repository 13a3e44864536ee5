using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Fastn.Connectors.Schema;

/// <summary>
/// Validates JSON against an action's schema with JsonSchema.Net, compiling each schema once: the one validator behind the
/// runtime (which reports the first failing JSON path) and the test kit (which lists every error), so a connector's tests
/// judge values exactly as the runtime does. Two rules are stricter than a plain JSON Schema evaluator here:
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
        if (Evaluate(schema, instance) is not { } result)
        {
            return null;
        }

        var failure = result.Details?.Where(d => d.Errors is { Count: > 0 })
            .OrderByDescending(d => d.InstanceLocation.ToString().Length)
            .FirstOrDefault() ?? result;
        var pointer = failure.InstanceLocation.ToString();
        var message = failure.Errors is { Count: > 0 } errors ? string.Join("; ", errors.Values) : "The value does not match the schema.";
        return (ToJsonPath(pointer), message);
    }

    /// <summary>
    /// Every error of <paramref name="instance"/> against <paramref name="schema"/> (empty when valid), each with the JSON
    /// Pointer of the failing value (<c>/items/0/qty</c>), the keyword that failed and its message.
    /// </summary>
    public static IReadOnlyList<(string Pointer, string Keyword, string Message)> Errors(JsonObject schema, JsonNode? instance)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (Evaluate(schema, instance) is not { } result)
        {
            return [];
        }

        return Collect(result);
    }

    /// <summary>
    /// What keeps <paramref name="schema"/> from being a valid JSON Schema (empty when valid): errors against the draft 2020-12
    /// meta-schema, or, when it conforms, why JsonSchema.Net cannot build it (with an empty keyword).
    /// </summary>
    public static IReadOnlyList<(string Pointer, string Keyword, string Message)> SchemaErrors(JsonNode? schema)
    {
        if (schema is JsonValue value && value.TryGetValue<bool>(out _))
        {
            return [];
        }

        var element = schema is null ? JsonDocument.Parse("null").RootElement : JsonSerializer.SerializeToElement(schema);
        var result = MetaSchemas.Draft202012.Evaluate(element, Detailed);
        if (!result.IsValid)
        {
            return Collect(result);
        }

        try
        {
            _ = JsonSchema.Build(element, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            return [];
        }
        catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException or RefResolutionException)
        {
            return [(string.Empty, string.Empty, $"JsonSchema.Net cannot build it: {ex.Message}")];
        }
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

    // Null when valid; otherwise the detailed (list) results.
    private static EvaluationResults? Evaluate(JsonObject schema, JsonNode? instance)
    {
        var compiled = Compiled.GetValue(schema, s => JsonSchema.FromText(AnchorPatterns(s).ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
        var element = instance is null ? default : JsonSerializer.SerializeToElement(instance);
        if (instance is null)
        {
            using var nullDocument = JsonDocument.Parse("null");
            element = nullDocument.RootElement.Clone();
        }

        // The flag format stops at the first failure; details are computed only for invalid input.
        return compiled.Evaluate(element, Quick).IsValid ? null : compiled.Evaluate(element, Detailed);
    }

    // Every error of a failed evaluation, distinct; one generic error when the evaluator named none.
    private static List<(string Pointer, string Keyword, string Message)> Collect(EvaluationResults result)
    {
        var errors = new[] { result }.Concat(result.Details ?? [])
            .SelectMany(node => (node.Errors ?? new Dictionary<string, string>()).Select(e => (node.InstanceLocation.ToString(), e.Key, e.Value)))
            .Distinct()
            .ToList();
        return errors.Count > 0 ? errors : [(string.Empty, string.Empty, "The value does not match the schema.")];
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

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fastn.Connectors.BuiltIn.Tests.Specs;

/// <summary>
/// Checks a JSON value against an OpenAPI 3.0 schema the way the conformance tests need: every property present
/// must be declared (unless <c>additionalProperties</c> allows it), types must agree, <c>null</c> only where nullable.
/// <c>$ref</c> (<c>#/…</c>), <c>allOf</c> (union of properties), <c>anyOf</c>/<c>oneOf</c> (fits one alternative).
/// </summary>
internal sealed class SchemaValidator(JsonElement root)
{
    private const int MaxVariants = 128;
    private const int MaxDepth = 64;

    public JsonElement Resolve(JsonElement element)
    {
        for (var hops = 0; hops < 32; hops++)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("$ref", out var reference) || reference.GetString() is not { } pointer)
            {
                return element;
            }

            element = Pointer(pointer);
        }

        throw new InvalidOperationException("$ref chain too long");
    }

    public void Validate(JsonElement schema, JsonNode? value, string path, ValidationMode mode, List<string> problems) =>
        Validate(schema, value, path, mode, problems, 0);

    private JsonElement Pointer(string pointer)
    {
        if (!pointer.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"external $ref '{pointer}' is not supported");
        }

        var current = root;
        foreach (var raw in pointer[2..].Split('/'))
        {
            var part = Uri.UnescapeDataString(raw).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(part, out current))
            {
                throw new InvalidOperationException($"$ref '{pointer}' points at nothing");
            }
        }

        return current;
    }

    private void Validate(JsonElement schema, JsonNode? value, string path, ValidationMode mode, List<string> problems, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        var variants = Variants(schema, 0);
        if (variants.Count == 1)
        {
            Check(variants[0], value, path, mode, problems, depth);
            return;
        }

        List<string>? best = null;
        var bestScore = int.MaxValue;
        foreach (var variant in variants)
        {
            var found = new List<string>();
            var kindFits = Check(variant, value, path, mode, found, depth);
            if (found.Count == 0)
            {
                return;
            }

            // The alternative of the value's own kind explains the failure best (an object is not "not a string").
            var score = found.Count + (kindFits ? 0 : 100_000);
            if (score < bestScore)
            {
                best = found;
                bestScore = score;
            }
        }

        problems.AddRange(best ?? []);
    }

    // Flattens allOf and expands anyOf/oneOf: each variant is a set of plain schemas that must all hold.
    private List<List<JsonElement>> Variants(JsonElement schema, int depth)
    {
        schema = Resolve(schema);
        var result = new List<List<JsonElement>> { new() { schema } };
        if (schema.ValueKind != JsonValueKind.Object || depth > 16)
        {
            return result;
        }

        if (schema.TryGetProperty("allOf", out var allOf) && allOf.ValueKind == JsonValueKind.Array)
        {
            foreach (var member in allOf.EnumerateArray())
            {
                result = Cross(result, Variants(member, depth + 1));
            }
        }

        foreach (var keyword in new[] { "anyOf", "oneOf" })
        {
            if (schema.TryGetProperty(keyword, out var alternatives) && alternatives.ValueKind == JsonValueKind.Array && alternatives.GetArrayLength() > 0)
            {
                var expanded = new List<List<JsonElement>>();
                foreach (var alternative in alternatives.EnumerateArray())
                {
                    expanded.AddRange(Variants(alternative, depth + 1));
                }

                result = Cross(result, expanded);
            }
        }

        return result;
    }

    private static List<List<JsonElement>> Cross(List<List<JsonElement>> left, List<List<JsonElement>> right)
    {
        var result = new List<List<JsonElement>>();
        foreach (var l in left)
        {
            foreach (var r in right)
            {
                if (result.Count >= MaxVariants)
                {
                    return result;
                }

                result.Add([.. l, .. r]);
            }
        }

        return result;
    }

    /// <summary>Checks one variant; returns false when the value's kind (object, string, …) does not fit it at all.</summary>
    private bool Check(List<JsonElement> members, JsonNode? value, string path, ValidationMode mode, List<string> problems, int depth)
    {
        var objects = members.Where(m => m.ValueKind == JsonValueKind.Object).ToList();
        if (objects.Any(m => m.TryGetProperty("not", out _) && m.EnumerateObject().Count() == 1))
        {
            // { "not": {} } style schemas are not used by these specs; treat as "anything".
            return true;
        }

        var typed = objects.Where(DeclaresKind).ToList();
        if (value is null)
        {
            if (typed.Count == 0 || objects.Any(m => IsTrue(m, "nullable") || Types(m).Contains("null")))
            {
                return true;
            }

            problems.Add($"{path}: null, but the spec's schema is not nullable");
            return false;
        }

        var kind = KindOf(value, mode);
        foreach (var member in objects)
        {
            var types = Types(member);
            if (types.Count > 0 && !types.Any(t => Fits(t, value, kind, mode)))
            {
                problems.Add($"{path}: expected {string.Join(" or ", types)}, got {Describe(kind, value)}");
                return false;
            }
        }

        foreach (var member in objects)
        {
            if (member.TryGetProperty("enum", out var allowed) && allowed.ValueKind == JsonValueKind.Array && kind is "string" or "number" or "boolean"
                && !allowed.EnumerateArray().Any(a => EnumEquals(a, value, mode)))
            {
                problems.Add($"{path}: {Describe(kind, value)} is not one of the spec's values ({string.Join(", ", allowed.EnumerateArray().Take(20).Select(a => a.GetRawText()))})");
                return true;
            }
        }

        if (kind == "object" && !objects.Any(m => m.TryGetProperty("items", out _) && !m.TryGetProperty("properties", out _)))
        {
            CheckObject(objects, (JsonObject)value, path, mode, problems, depth);
        }
        else if (kind == "array" || (mode.Form && kind == "object" && IsNumbered(value) && objects.Any(m => Types(m).Contains("array") || m.TryGetProperty("items", out _))))
        {
            var items = value is JsonArray array
                ? [.. array]
                : ((JsonObject)value).OrderBy(p => int.Parse(p.Key, CultureInfo.InvariantCulture)).Select(p => p.Value).ToList();
            var itemSchemas = objects.Where(m => m.TryGetProperty("items", out _)).Select(m => m.GetProperty("items")).ToList();
            for (var i = 0; i < items.Count; i++)
            {
                foreach (var itemSchema in itemSchemas)
                {
                    Validate(itemSchema, items[i], $"{path}[{i}]", mode, problems, depth + 1);
                }
            }
        }

        return true;
    }

    private void CheckObject(List<JsonElement> members, JsonObject value, string path, ValidationMode mode, List<string> problems, int depth)
    {
        var properties = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        var declaresShape = false;
        var additionalAllowed = false;
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (member.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in props.EnumerateObject())
                {
                    declaresShape = true;
                    if (!properties.TryGetValue(p.Name, out var list))
                    {
                        properties[p.Name] = list = [];
                    }

                    list.Add(p.Value);
                }
            }

            if (member.TryGetProperty("additionalProperties", out var additional))
            {
                if (additional.ValueKind == JsonValueKind.False)
                {
                    declaresShape = true;
                }
                else
                {
                    additionalAllowed = true;
                }
            }

            if (member.TryGetProperty("required", out var req) && req.ValueKind == JsonValueKind.Array)
            {
                foreach (var name in req.EnumerateArray())
                {
                    if (name.GetString() is { } n)
                    {
                        required.Add(n);
                    }
                }
            }
        }

        foreach (var (name, child) in value)
        {
            var childPath = PathOf(path, name);
            if (properties.TryGetValue(name, out var schemas))
            {
                foreach (var schema in schemas)
                {
                    Validate(schema, child, childPath, mode, problems, depth + 1);
                }
            }
            else if (declaresShape && !additionalAllowed)
            {
                problems.Add($"{childPath}: unknown property (the spec's schema has: {string.Join(", ", properties.Keys.Order(StringComparer.Ordinal).Take(40))}{(properties.Count > 40 ? ", …" : "")})");
            }
        }

        if (!mode.RequireRequired)
        {
            return;
        }

        foreach (var name in required.Order(StringComparer.Ordinal))
        {
            if (value.ContainsKey(name))
            {
                continue;
            }

            // A request need not (and cannot) send what the server fills in.
            if (mode.IsRequest && properties.TryGetValue(name, out var schemas) && schemas.Any(s => IsTrue(Resolve(s), "readOnly")))
            {
                continue;
            }

            problems.Add($"{PathOf(path, name)}: required property is missing");
        }
    }

    private static bool DeclaresKind(JsonElement member) =>
        member.TryGetProperty("type", out _) || member.TryGetProperty("properties", out _) || member.TryGetProperty("items", out _)
        || member.TryGetProperty("enum", out _) || member.TryGetProperty("additionalProperties", out _);

    private static List<string> Types(JsonElement member)
    {
        if (!member.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => [.. type.EnumerateArray().Select(t => t.GetString()!).Where(t => t is not null)],
            _ => [],
        };
    }

    private static bool IsTrue(JsonElement member, string name) =>
        member.ValueKind == JsonValueKind.Object && member.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;

    private static string KindOf(JsonNode value, ValidationMode mode) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => mode.Form ? "string" : "null",
    };

    private static bool Fits(string type, JsonNode value, string kind, ValidationMode mode)
    {
        if (mode.Form && kind == "string")
        {
            // Form values are all text; Stripe also sends "" to clear objects and arrays.
            return type is "string" or "number" or "integer" or "boolean" || value.GetValue<string>().Length == 0;
        }

        return type switch
        {
            "integer" => kind == "number" && IsIntegral(value),
            "number" => kind == "number",
            "array" => kind == "array" || (mode.Form && kind == "object" && IsNumbered(value)),
            "null" => false,
            _ => type == kind,
        };
    }

    private static bool EnumEquals(JsonElement allowed, JsonNode value, ValidationMode mode) => allowed.ValueKind switch
    {
        JsonValueKind.Null => false,
        JsonValueKind.String when mode.Form || value.GetValueKind() == JsonValueKind.String => allowed.GetString() == ScalarText(value),
        _ when mode.Form => allowed.GetRawText().Trim('"') == ScalarText(value),
        _ => JsonNode.DeepEquals(JsonNode.Parse(allowed.GetRawText()), value),
    };

    private static string ScalarText(JsonNode value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    private static bool IsIntegral(JsonNode value)
    {
        var text = value.ToJsonString();
        return !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.OrdinalIgnoreCase)
            || (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d == decimal.Truncate(d));
    }

    private static bool IsNumbered(JsonNode value) =>
        value is JsonObject obj && obj.Count > 0 && obj.All(p => int.TryParse(p.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _));

    private static string Describe(string kind, JsonNode value) => kind switch
    {
        "string" => $"string \"{Truncate(value.GetValue<string>())}\"",
        "number" or "boolean" => $"{kind} {value.ToJsonString()}",
        _ => kind,
    };

    private static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static string PathOf(string parent, string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && !char.IsAsciiDigit(name[0])
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("'", "\\'", StringComparison.Ordinal)}']";
}

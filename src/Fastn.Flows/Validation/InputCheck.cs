using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Flows.Templates;

namespace Fastn.Flows.Validation;

// An action step's input against the action's input schema, at save time: required fields present, no unknown
// fields, literal values of the right JSON type, and step outputs of the right type where both schemas say.
internal static class InputCheck
{
    public static void Check(JsonObject input, FlowCatalogAction action, string path, IReadOnlyDictionary<string, JsonObject?> stepOutputs, List<FlowProblem> problems)
    {
        var schema = action.InputSchema;
        if (schema["properties"] is not JsonObject properties)
        {
            return;
        }

        var required = schema["required"] is JsonArray r ? r.OfType<JsonValue>().Select(v => v.ToString()).ToArray() : [];
        foreach (var name in required.Where(n => !input.ContainsKey(n)))
        {
            problems.Add(new FlowProblem(path, $"The action '{action.Name}' requires '{name}' in its input."));
        }

        foreach (var (key, value) in input)
        {
            if (properties[key] is not JsonObject property)
            {
                if (!SchemaPath.AllowsMore(schema))
                {
                    problems.Add(new FlowProblem($"{path}.{key}", $"The action '{action.Name}' has no input '{key}'; it takes: {string.Join(", ", properties.Select(p => p.Key))}."));
                }

                continue;
            }

            var expected = SchemaPath.Types(property);
            if (expected.Count == 0)
            {
                continue;
            }

            var actual = KindOf(value, stepOutputs);
            if (actual is { } known && !Fits(known, expected))
            {
                problems.Add(new FlowProblem($"{path}.{key}", $"'{key}' takes {Describe(expected)}, but {known.Source} is {Article(known.Type)}."));
            }
        }
    }

    // The JSON type a value will have, where it is known: a literal's own, or a single template's step output type.
    private static (string Type, string Source)? KindOf(JsonNode? value, IReadOnlyDictionary<string, JsonObject?> stepOutputs)
    {
        switch (value)
        {
            case null:
                return ("null", "the value given");
            case JsonObject:
                return ("object", "the value given");
            case JsonArray:
                return ("array", "the value given");
        }

        var v = (JsonValue)value;
        switch (v.GetValueKind())
        {
            case JsonValueKind.True or JsonValueKind.False:
                return ("boolean", "the value given");
            case JsonValueKind.Number:
                return (v.TryGetValue<long>(out _) ? "integer" : "number", "the value given");
            case JsonValueKind.String:
                var text = v.GetValue<string>();
                if (!TemplateText.HasTemplate(text))
                {
                    return ("string", "the value given");
                }

                if (TemplateText.SingleExpression(text) is not { } expression)
                {
                    return ("string", "a template with text around its {{ }}");
                }

                var references = ExpressionScanner.References(expression);
                // Only a bare reference ("steps.x.output.email") has a type known ahead; an expression computes one.
                if (references is [{ Root: "steps", Step: { } step } only] && IsBareReference(expression)
                    && only.Path.Count > 1 && only.Path[0] == "output"
                    && stepOutputs.TryGetValue(step, out var schema) && schema is not null
                    && SchemaPath.Resolve(schema, only.Path.Skip(1).ToArray(), out _) is { } target
                    && SchemaPath.Types(target) is [var type])
                {
                    return (type, $"steps.{step}.{string.Join('.', only.Path)}");
                }

                return null;
            default:
                return null;
        }
    }

    private static bool IsBareReference(string expression) =>
        expression.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '$' or '[' or ']' or '"' or '\'' or '?');

    private static bool Fits((string Type, string Source) actual, IReadOnlyList<string> expected) =>
        expected.Contains(actual.Type, StringComparer.Ordinal)
        || (actual.Type == "integer" && expected.Contains("number", StringComparer.Ordinal));

    private static string Describe(IReadOnlyList<string> types) => string.Join(" or ", types.Select(Article));

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "object" => "an object",
        "array" => "an array",
        "null" => "null",
        _ => "a " + type,
    };
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Fastn.Connectors.Testing;

/// <summary>
/// JSON Schema checks with JsonSchema.Net: a value against a schema (with the failing JSON path), and a
/// schema against the draft 2020-12 meta-schema.
/// </summary>
public static class SchemaCheck
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Compiled = new(StringComparer.Ordinal);

    /// <summary>Validates <paramref name="instance"/> against <paramref name="schema"/>; returns every error (empty when valid).</summary>
    public static IReadOnlyList<SchemaError> Validate(JsonObject schema, JsonNode? instance)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var text = schema.ToJsonString();
        var compiled = Compiled.GetOrAdd(text, static t => JsonSchema.Build(JsonDocument.Parse(t).RootElement, NewBuildOptions()));
        var element = instance is null ? JsonDocument.Parse("null").RootElement : JsonSerializer.SerializeToElement(instance);
        return Errors(compiled.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List }));
    }

    /// <summary>
    /// Checks that <paramref name="schema"/> is a valid JSON Schema: it conforms to the draft 2020-12
    /// meta-schema and JsonSchema.Net can build it. Returns every problem (empty when valid).
    /// </summary>
    public static IReadOnlyList<SchemaError> ValidateSchema(JsonNode? schema)
    {
        if (schema is JsonValue value && value.TryGetValue<bool>(out _))
        {
            return [];
        }

        var element = schema is null ? JsonDocument.Parse("null").RootElement : JsonSerializer.SerializeToElement(schema);
        var errors = Errors(MetaSchemas.Draft202012.Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List })).ToList();
        if (errors.Count == 0)
        {
            try
            {
                _ = JsonSchema.Build(element, NewBuildOptions());
            }
            catch (Exception ex) when (ex is JsonSchemaException or JsonException or ArgumentException or InvalidOperationException or RefResolutionException)
            {
                errors.Add(new SchemaError("$", $"JsonSchema.Net cannot build it: {ex.Message}"));
            }
        }

        return errors;
    }

    /// <summary>Turns a JSON Pointer (<c>/items/2/sku</c>) into a JSON path (<c>$.items[2].sku</c>).</summary>
    public static string ToJsonPath(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        var path = new StringBuilder("$");
        foreach (var raw in pointer.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                path.Append('[').Append(segment).Append(']');
            }
            else if (segment.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                path.Append('.').Append(segment);
            }
            else
            {
                path.Append("['").Append(segment.Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
            }
        }

        return path.ToString();
    }

    private static BuildOptions NewBuildOptions() => new() { SchemaRegistry = new SchemaRegistry() };

    private static List<SchemaError> Errors(EvaluationResults results)
    {
        var errors = new List<SchemaError>();
        if (results.IsValid)
        {
            return errors;
        }

        foreach (var node in new[] { results }.Concat(results.Details ?? []))
        {
            foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
            {
                errors.Add(new SchemaError(ToJsonPath(node.InstanceLocation.ToString()), $"{message} ({keyword})"));
            }
        }

        if (errors.Count == 0)
        {
            errors.Add(new SchemaError("$", "The value does not match the schema."));
        }

        return [.. errors.Distinct()];
    }
}

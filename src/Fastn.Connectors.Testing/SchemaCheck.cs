using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Connectors.Schema;

namespace Fastn.Connectors.Testing;

/// <summary>
/// JSON Schema checks through the runtime's <see cref="SchemaValidator"/>: a value against a schema (with the failing
/// JSON path), and a schema against the draft 2020-12 meta-schema.
/// </summary>
public static class SchemaCheck
{
    /// <summary>
    /// Validates <paramref name="instance"/> against <paramref name="schema"/> as the runtime does (<see cref="SchemaValidator"/>:
    /// ECMA-262 <c>$</c> in patterns); returns every error (empty when valid).
    /// </summary>
    public static IReadOnlyList<SchemaError> Validate(JsonObject schema, JsonNode? instance) => ToErrors(SchemaValidator.Errors(schema, instance));

    /// <summary>
    /// Checks that <paramref name="schema"/> is a valid JSON Schema: it conforms to the draft 2020-12
    /// meta-schema and JsonSchema.Net can build it. Returns every problem (empty when valid).
    /// </summary>
    public static IReadOnlyList<SchemaError> ValidateSchema(JsonNode? schema) => ToErrors(SchemaValidator.SchemaErrors(schema));

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

    private static List<SchemaError> ToErrors(IReadOnlyList<(string Pointer, string Keyword, string Message)> errors) =>
        [.. errors.Select(e => new SchemaError(ToJsonPath(e.Pointer), e.Keyword.Length == 0 ? e.Message : $"{e.Message} ({e.Keyword})")).Distinct()];
}

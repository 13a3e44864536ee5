using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Fastn.Engine.Execution;

/// <summary>Validates JSON against an action's schema, compiling each schema once; reports the first failing JSON path.</summary>
public static class SchemaValidator
{
    private static readonly ConditionalWeakTable<JsonObject, JsonSchema> Compiled = new();
    private static readonly EvaluationOptions Quick = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List };

    /// <summary>Returns <see langword="null"/> when valid, otherwise the failing path (<c>$.email</c>) and message.</summary>
    public static (string Path, string Message)? Validate(JsonObject schema, JsonNode? instance)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var compiled = Compiled.GetValue(schema, s => JsonSchema.FromText(s.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() }));
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
}

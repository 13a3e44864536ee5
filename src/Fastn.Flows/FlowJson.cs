using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fastn.Flows.Validation;

namespace Fastn.Flows;

/// <summary>Reads and writes flow definitions as JSON (camelCase, strict: unknown properties are errors).</summary>
public static class FlowJson
{
    /// <summary>The serializer settings of the flow format.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The definition as indented JSON.</summary>
    public static string Serialize(FlowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.Serialize(definition, Options);
    }

    /// <summary>The definition as a JSON node.</summary>
    public static JsonObject ToNode(FlowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.SerializeToNode(definition, Options)!.AsObject();
    }

    /// <summary>Reads a definition; a document that does not fit the format throws <see cref="FlowDefinitionException"/> saying where.</summary>
    public static FlowDefinition Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new FlowDefinitionException([new FlowProblem("$", $"This is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {FirstSentence(ex.Message)}")]);
        }

        return Parse(node);
    }

    /// <summary>Reads a definition from a JSON node; see <see cref="Parse(string)"/>.</summary>
    public static FlowDefinition Parse(JsonNode? node)
    {
        if (node is not JsonObject root)
        {
            throw new FlowDefinitionException([new FlowProblem("$", "A flow definition is a JSON object with \"schema\", \"name\", \"trigger\" and \"steps\".")]);
        }

        var problems = new List<FlowProblem>();
        StructureCheck.Check(root, problems);
        if (problems.Count > 0)
        {
            throw new FlowDefinitionException(problems);
        }

        try
        {
            return root.Deserialize<FlowDefinition>(Options)
                ?? throw new FlowDefinitionException([new FlowProblem("$", "The flow definition is empty.")]);
        }
        catch (JsonException ex)
        {
            throw new FlowDefinitionException([new FlowProblem(ex.Path ?? "$", Explain(ex))]);
        }
    }

    private static string Explain(JsonException ex)
    {
        var message = FirstSentence(ex.Message);
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return "This property is not part of the flow format; check its spelling (names are camelCase).";
        }

        if (message.Contains("missing required properties", StringComparison.OrdinalIgnoreCase))
        {
            return message;
        }

        return "The value has the wrong type here: " + message;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectRequiredConstructorParameters = true,
            AllowOutOfOrderMetadataProperties = true,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

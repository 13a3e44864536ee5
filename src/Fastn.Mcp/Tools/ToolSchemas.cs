using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Fastn.Mcp.Tools;

/// <summary>Turns an action's schemas, hints and the tenant's connections into an MCP tool description.</summary>
internal static class ToolSchemas
{
    /// <summary>The property a non-object output is wrapped in, since structured content is an object for most clients.</summary>
    public const string ResultProperty = "result";

    /// <summary>Whether the input schema describes a JSON object (or says nothing of its type), as MCP tool arguments are.</summary>
    public static bool HasObjectInput(JsonObject schema) => schema["type"] is null || IsObjectType(schema);

    /// <summary>Whether the output is sent as structured content as it is, or wrapped in <see cref="ResultProperty"/>.</summary>
    public static bool WrapsOutput(JsonObject outputSchema) => !IsObjectType(outputSchema);

    /// <summary>The MCP description of a connector tool.</summary>
    public static Tool Describe(ConnectorTool tool)
    {
        var definition = tool.Connector.Definition;
        var title = $"{definition.DisplayName}: {tool.Action.DisplayTitle}";
        return new Tool
        {
            Name = tool.Name,
            Title = title,
            Description = tool.Capability.LlmDescription,
            InputSchema = ToElement(InputSchema(tool)),
            OutputSchema = OutputElement(tool.Action.OutputSchema),
            Annotations = new ToolAnnotations
            {
                Title = title,
                ReadOnlyHint = tool.Capability.ReadOnly,
                DestructiveHint = tool.Capability.Destructive,
                IdempotentHint = tool.Capability.Idempotent,
                // Every connector action talks to a third-party app.
                OpenWorldHint = true,
            },
        };
    }

    /// <summary>The action's input schema plus the connection argument: required with several connections, optional with one.</summary>
    public static JsonObject InputSchema(ConnectorTool tool)
    {
        var schema = (JsonObject)tool.Action.InputSchema.DeepClone();
        schema["type"] = "object";
        if (schema["properties"] is not JsonObject properties)
        {
            properties = [];
            schema["properties"] = properties;
        }

        var argument = tool.ConnectionArgument;
        var choices = string.Join(", ", tool.Connections.Select(c => c.DisplayName is { Length: > 0 } label ? $"{c.Id} ({label})" : c.Id));
        properties[argument] = new JsonObject
        {
            ["type"] = "string",
            ["description"] = tool.Connections.Count > 1
                ? $"Which of the tenant's {tool.Connector.Definition.DisplayName} connections to act on: {choices}."
                : $"The {tool.Connector.Definition.DisplayName} connection to act on (optional: the tenant has one, {choices}).",
            ["enum"] = new JsonArray([.. tool.Connections.Select(c => (JsonNode)JsonValue.Create(c.Id))]),
        };
        if (tool.Connections.Count > 1)
        {
            if (schema["required"] is not JsonArray required)
            {
                required = [];
                schema["required"] = required;
            }

            required.Add(argument);
        }

        return schema;
    }

    /// <summary>The tool's output schema: the action's when it describes an object, else that schema under <see cref="ResultProperty"/>.</summary>
    public static JsonObject OutputSchema(JsonObject actionOutput) => WrapsOutput(actionOutput)
        ? new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { [ResultProperty] = actionOutput.DeepClone() },
            ["required"] = new JsonArray(ResultProperty),
        }
        : (JsonObject)actionOutput.DeepClone();

    // Definitions are frozen at registration, so an action's output schema element is built once, not per tools/list.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<JsonObject, System.Runtime.CompilerServices.StrongBox<JsonElement>> OutputElements = new();

    private static JsonElement OutputElement(JsonObject actionOutput) =>
        OutputElements.GetValue(actionOutput, o => new(ToElement(OutputSchema(o)))).Value!;

    /// <summary>A JSON element of a node (the SDK's protocol types hold elements).</summary>
    public static JsonElement ToElement(JsonNode? node) => JsonSerializer.SerializeToElement(node, Connectors.Http.ConnectorJson.SnakeCase);

    private static bool IsObjectType(JsonObject schema) => schema["type"] is JsonValue value && value.TryGetValue<string>(out var type) && type == "object";
}

using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Fastn.Engine.Errors;
using ModelContextProtocol.Protocol;

namespace Fastn.Mcp.Tools;

/// <summary>
/// The MCP edge of the engine's results: output as structured content (and as JSON text for clients that read only
/// text), errors as <c>isError</c> results whose text says what to fix and where — never a protocol error.
/// </summary>
internal static class ToolResults
{
    /// <summary>Where Fastn's own facts go in a result's <c>_meta</c>.</summary>
    public const string MetaPrefix = "fastn/";

    /// <summary>A successful call: <paramref name="structured"/> is the object the output schema describes.</summary>
    public static CallToolResult Success(JsonObject structured, string? callId = null)
    {
        var result = new CallToolResult
        {
            Content = [new TextContentBlock { Text = structured.ToJsonString() }],
            StructuredContent = ToolSchemas.ToElement(structured),
            IsError = false,
        };
        if (callId is not null)
        {
            result.Meta = new JsonObject { [MetaPrefix + "callId"] = callId };
        }

        return result;
    }

    /// <summary>A connector action's output, wrapped as its tool's output schema says.</summary>
    public static CallToolResult FromAction(ConnectorTool tool, JsonNode? output, string callId) =>
        Success(ToolSchemas.WrapsOutput(tool.Action.OutputSchema) || output is not JsonObject obj
            ? new JsonObject { [ToolSchemas.ResultProperty] = output?.DeepClone() }
            : obj, callId);

    /// <summary>A failed call: the problem's title, detail and JSON path as text, its type and retry facts in <c>_meta</c>.</summary>
    public static CallToolResult Failure(FastnException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var text = new StringBuilder().Append(problem.Title).Append(": ").Append(problem.Detail);
        if (problem.Path is { } path && !problem.Detail.Contains(path, StringComparison.Ordinal))
        {
            text.Append(" (at ").Append(path).Append(')');
        }

        if (problem.Retryable)
        {
            text.Append(problem.RetryAfter is { } wait
                ? string.Create(CultureInfo.InvariantCulture, $" Retry in {Math.Ceiling(Math.Max(0, wait.TotalSeconds)):0} s.")
                : " Retrying later may succeed.");
        }

        var meta = new JsonObject
        {
            [MetaPrefix + "type"] = problem.Code,
            [MetaPrefix + "category"] = problem.Category.Name(),
            [MetaPrefix + "retryable"] = problem.Retryable,
        };
        if (problem.Path is not null)
        {
            meta[MetaPrefix + "path"] = problem.Path;
        }

        if (problem.Extensions.TryGetValue("upstreamStatus", out var status) && status is int upstream)
        {
            meta[MetaPrefix + "upstreamStatus"] = upstream;
        }

        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text.ToString() }],
            IsError = true,
            Meta = meta,
        };
    }
}

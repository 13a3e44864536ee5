using System.Text.Json.Nodes;
using Fastn.Engine.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fastn.Server.OpenApi;

/// <summary>Adds the members every Fastn problem carries (see <see cref="Errors.Problems"/>) to the <c>ProblemDetails</c> schema.</summary>
internal sealed class ProblemSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type != typeof(ProblemDetails) || context.JsonPropertyInfo is not null)
        {
            return Task.CompletedTask;
        }

        schema.Description = "An error (RFC 9457). 'type' is stable (fastn:validation, fastn:not-found, fastn:auth-required, fastn:rate-limited, fastn:upstream, …); "
            + "'detail' says what to do.";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["category"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. ErrorCategoryNames.All.Select(n => (JsonNode)n)],
            Description = "The error's category, transport-neutral (the same as MCP tool errors and flow step errors carry).",
        };
        schema.Properties["retryable"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "Whether repeating the request later can succeed." };
        schema.Properties["retryAfterSeconds"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "How long to wait before retrying (also the Retry-After header)." };
        schema.Properties["path"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "Validation errors: the JSON path (or parameter) at fault, e.g. $.connector." };
        return Task.CompletedTask;
    }
}

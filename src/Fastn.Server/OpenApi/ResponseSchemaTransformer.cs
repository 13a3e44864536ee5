using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Fastn.Server.OpenApi;

/// <summary>
/// Says which properties an answer always carries. The server writes every property, null included, unless the
/// property says it is left out when null (problem documents, a test result's optional parts); those always written
/// are required in the schema, and nullability says which may be null. Schemas reachable from a request body or
/// parameter keep every property optional: request bodies are checked by hand, with a problem naming the path.
/// Numbers in answers are numbers (requests may also send them as strings).
/// </summary>
internal sealed class ResponseSchemaTransformer : IOpenApiSchemaTransformer, IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo;
        if (context.JsonPropertyInfo is not null || type.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 }
            || type.Options.DefaultIgnoreCondition != JsonIgnoreCondition.Never)
        {
            return Task.CompletedTask;
        }

        foreach (var property in type.Properties)
        {
            if (property.Get is not null && property.ShouldSerialize is null && !LeftOutWhenNull(property) && schema.Properties.ContainsKey(property.Name))
            {
                schema.Required ??= new HashSet<string>(StringComparer.Ordinal);
                schema.Required.Add(property.Name);
            }
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is not { } components)
        {
            return Task.CompletedTask;
        }

        var inRequests = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>()))
        {
            foreach (var media in operation.RequestBody?.Content?.Values ?? Enumerable.Empty<OpenApiMediaType>())
            {
                Collect(media.Schema, components, inRequests);
            }

            foreach (var parameter in operation.Parameters ?? [])
            {
                Collect(parameter.Schema, components, inRequests);
            }
        }

        foreach (var (id, schema) in components)
        {
            if (schema is not OpenApiSchema concrete)
            {
                continue;
            }

            if (inRequests.Contains(id))
            {
                concrete.Required = null;
            }
            else
            {
                WrittenAsNumbers(concrete);
            }
        }

        return Task.CompletedTask;
    }

    // Numbers are read from strings too (the web defaults' AllowReadingFromString), which the schemas show as
    // "integer or string"; the server writes them as numbers, so answers say just that.
    private static void WrittenAsNumbers(OpenApiSchema schema)
    {
        foreach (var property in (schema.Properties?.Values ?? []).OfType<OpenApiSchema>())
        {
            if (property.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
            {
                property.Type = type & ~JsonSchemaType.String;
                property.Pattern = null;
            }

            if (property.Items is OpenApiSchema items)
            {
                WrittenAsNumbers(new OpenApiSchema { Properties = new Dictionary<string, IOpenApiSchema> { ["item"] = items } });
            }
        }
    }

    private static bool LeftOutWhenNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true).OfType<JsonIgnoreAttribute>()
            .Any(a => a.Condition != JsonIgnoreCondition.Never) == true;

    // The ids of every component schema reachable from a schema.
    private static void Collect(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> components, HashSet<string> ids)
    {
        if (schema is null)
        {
            return;
        }

        if (schema is OpenApiSchemaReference { Reference.Id: { } id })
        {
            if (ids.Add(id) && components.TryGetValue(id, out var target))
            {
                Collect(target, components, ids);
            }

            return;
        }

        foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.AnyOf ?? []).Concat(schema.OneOf ?? []))
        {
            Collect(child, components, ids);
        }

        Collect(schema.Items, components, ids);
        Collect(schema.AdditionalProperties, components, ids);
    }
}

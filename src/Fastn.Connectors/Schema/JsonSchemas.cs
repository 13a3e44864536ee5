using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.Schema;

/// <summary>
/// Generates JSON Schemas from C# types: descriptions from <see cref="DescriptionAttribute"/>, required
/// members from nullability (a non-nullable member without a default is required).
/// </summary>
public static class JsonSchemas
{
    /// <summary>Generates the schema of <typeparamref name="T"/> under the given JSON options.</summary>
    public static JsonObject For<T>(JsonSerializerOptions? options = null) => For(typeof(T), options);

    /// <summary>Generates the schema of <paramref name="type"/> under the given JSON options.</summary>
    public static JsonObject For(Type type, JsonSerializerOptions? options = null)
    {
        options ??= ConnectorJson.Options;
        var exporter = new JsonSchemaExporterOptions
        {
            TreatNullObliviousAsNonNullable = true,
            TransformSchemaNode = Transform,
        };
        var node = options.GetJsonSchemaAsNode(type, exporter);
        if (node is not JsonObject schema)
        {
            // "true" schema: anything goes (JsonElement, JsonNode, object).
            return [];
        }

        return schema;
    }

    private static JsonNode Transform(JsonSchemaExporterContext context, JsonNode schema)
    {
        if (schema is not JsonObject obj)
        {
            return schema;
        }

        var attributes = context.PropertyInfo?.AttributeProvider ?? context.TypeInfo.Type;
        var description = (attributes as ICustomAttributeProvider)?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: true)
            .OfType<DescriptionAttribute>().FirstOrDefault()?.Description;
        if (description is not null && context.PropertyInfo is not null || description is not null && context.PropertyInfo is null && context.Path.Length == 0)
        {
            obj.Insert(0, "description", description);
        }

        if (context.TypeInfo.Kind == JsonTypeInfoKind.Object && context.PropertyInfo is null)
        {
            var required = context.TypeInfo.Properties
                .Where(IsRequired)
                .Select(p => (JsonNode)JsonValue.Create(p.Name)!)
                .ToArray();
            obj.Remove("required");
            if (required.Length > 0)
            {
                obj["required"] = new JsonArray(required);
            }
        }

        return obj;
    }

    private static bool IsRequired(JsonPropertyInfo property)
    {
        if (property.IsRequired)
        {
            return true;
        }

        var type = property.PropertyType;
        var isNullableValue = Nullable.GetUnderlyingType(type) is not null;
        if (isNullableValue || property.IsSetNullable)
        {
            return false;
        }

        // Value types and non-nullable references without a constructor default are required.
        return property.AssociatedParameter is not { HasDefaultValue: true };
    }
}

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
/// members from nullability: a non-nullable member is required unless it has a default (a constructor parameter
/// default, or an initializer such as <c>int Count { get; init; } = 10</c>); a <c>required</c> member always is.
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
            var sample = Sample(context.TypeInfo);
            var required = context.TypeInfo.Properties
                .Where(p => IsRequired(p, sample))
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

    private static bool IsRequired(JsonPropertyInfo property, object? sample)
    {
        if (property.IsRequired)
        {
            return true;
        }

        // A member with an initializer (int Count { get; init; } = 10, IReadOnlyList<T> Items { get; init; } = []) has a
        // default: a freshly made object already holds a value other than the type's default.
        if (sample is not null && property.Get is { } get && HasInitializer(get(sample), property.PropertyType))
        {
            return false;
        }

        var type = property.PropertyType;
        var isNullableValue = Nullable.GetUnderlyingType(type) is not null;
        if (isNullableValue || property.IsSetNullable)
        {
            return false;
        }

        // Value types and non-nullable references without a constructor default or an initializer are required.
        return property.AssociatedParameter is not { HasDefaultValue: true };
    }

    // An object made the way the serializer makes one (parameterless constructor), or null when it cannot be.
    private static object? Sample(JsonTypeInfo type)
    {
        if (type.CreateObject is not { } create)
        {
            return null;
        }

        try
        {
            return create();
        }
        catch (Exception ex) when (ex is InvalidOperationException or NotSupportedException or MissingMethodException or TargetInvocationException or MemberAccessException)
        {
            return null;
        }
    }

    private static bool HasInitializer(object? value, Type type) =>
        value is not null && (!type.IsValueType || !value.Equals(Activator.CreateInstance(type)));
}

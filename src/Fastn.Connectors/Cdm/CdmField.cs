using System.Text.Json.Nodes;

namespace Fastn.Connectors.Cdm;

/// <summary>
/// One field of a CDM entity, referenced from connector code through strongly typed members such as
/// <c>Cdm.Contact.Email</c> rather than by string.
/// </summary>
public sealed record CdmField
{
    /// <summary>Creates a field description; used by <see cref="CdmEntity"/> subclasses.</summary>
    public CdmField(string entity, string name, CdmFieldType type, bool required, string description)
    {
        Entity = entity;
        Name = name;
        Type = type;
        Required = required;
        Description = description;
    }

    /// <summary>The CDM entity this field belongs to, e.g. <c>CDMContact</c>.</summary>
    public string Entity { get; }

    /// <summary>The field's camelCase JSON name, e.g. <c>firstName</c>.</summary>
    public string Name { get; }

    /// <summary>The value type.</summary>
    public CdmFieldType Type { get; }

    /// <summary>Whether every record of the entity must carry this field.</summary>
    public bool Required { get; }

    /// <summary>What the field means, for people and for LLMs.</summary>
    public string Description { get; }

    /// <summary>For <see cref="CdmFieldType.Array"/>: the type of each item.</summary>
    public CdmFieldType? ItemType { get; init; }

    /// <summary>For <see cref="CdmFieldType.Object"/> (or arrays of objects): the nested members.</summary>
    public IReadOnlyList<CdmField> Properties { get; init; } = [];

    /// <summary>For <see cref="CdmFieldType.Enum"/> (or arrays of enums): the allowed values.</summary>
    public IReadOnlyList<string> EnumValues { get; init; } = [];

    /// <summary>The qualified name <c>Entity.field</c>, used in messages.</summary>
    public string QualifiedName => $"{Entity}.{Name}";

    /// <summary>The JSON Schema of this field's value.</summary>
    public JsonObject ToJsonSchema()
    {
        var schema = ToSchema(Type, this);
        schema["description"] = Description;
        return schema;
    }

    private static JsonObject ToSchema(CdmFieldType type, CdmField field) => type switch
    {
        CdmFieldType.String or CdmFieldType.Phone => new JsonObject { ["type"] = "string" },
        CdmFieldType.Email => new JsonObject { ["type"] = "string", ["format"] = "email" },
        CdmFieldType.Url => new JsonObject { ["type"] = "string", ["format"] = "uri" },
        CdmFieldType.DateTime => new JsonObject { ["type"] = "string", ["format"] = "date-time" },
        CdmFieldType.Date => new JsonObject { ["type"] = "string", ["format"] = "date" },
        CdmFieldType.Integer => new JsonObject { ["type"] = "integer" },
        CdmFieldType.Decimal or CdmFieldType.Money => new JsonObject { ["type"] = "number" },
        CdmFieldType.Boolean => new JsonObject { ["type"] = "boolean" },
        CdmFieldType.Enum => new JsonObject
        {
            ["type"] = "string",
            ["enum"] = new JsonArray([.. field.EnumValues.Select(v => (JsonNode)JsonValue.Create(v))]),
        },
        CdmFieldType.Map => new JsonObject { ["type"] = "object", ["additionalProperties"] = true },
        CdmFieldType.Object => ObjectSchema(field.Properties),
        CdmFieldType.Array => new JsonObject
        {
            ["type"] = "array",
            ["items"] = ToSchema(field.ItemType ?? CdmFieldType.String, field),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown CDM field type."),
    };

    internal static JsonObject ObjectSchema(IReadOnlyList<CdmField> fields)
    {
        var properties = new JsonObject();
        foreach (var f in fields)
        {
            properties[f.Name] = f.ToJsonSchema();
        }

        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        var required = fields.Where(f => f.Required).Select(f => (JsonNode)JsonValue.Create(f.Name)).ToArray();
        if (required.Length > 0)
        {
            schema["required"] = new JsonArray(required);
        }

        return schema;
    }
}

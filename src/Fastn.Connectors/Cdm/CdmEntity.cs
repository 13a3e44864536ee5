using System.Text.Json.Nodes;

namespace Fastn.Connectors.Cdm;

/// <summary>
/// A versioned entity of the Canonical Data Model. Subclasses declare each field once as a typed
/// property (via <see cref="Field"/>), so mappings refer to <c>Cdm.Contact.Email</c>, never to a string.
/// </summary>
public abstract class CdmEntity
{
    private readonly List<CdmField> _fields = [];

    /// <summary>Creates an entity description.</summary>
    /// <param name="name">The entity name, e.g. <c>CDMContact</c>.</param>
    /// <param name="version">The schema version (semantic versioning).</param>
    /// <param name="description">What a record of this entity is.</param>
    protected CdmEntity(string name, string version, string description)
    {
        Name = name;
        Version = version;
        Description = description;
    }

    /// <summary>The entity name, e.g. <c>CDMContact</c>.</summary>
    public string Name { get; }

    /// <summary>The schema version; a breaking change raises the major number.</summary>
    public string Version { get; }

    /// <summary>What a record of this entity is.</summary>
    public string Description { get; }

    /// <summary>All top-level fields in declaration order.</summary>
    public IReadOnlyList<CdmField> Fields => _fields;

    /// <summary>The fields every record must carry.</summary>
    public IEnumerable<CdmField> RequiredFields => _fields.Where(f => f.Required);

    /// <summary>Finds a top-level field by its JSON name (case-sensitive), or <see langword="null"/>.</summary>
    public CdmField? FindField(string name) => _fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The JSON Schema (draft 2020-12) of a record of this entity.</summary>
    public JsonObject ToJsonSchema()
    {
        // $schema and $id go first: JsonSchema.Net 8.0.x mis-registers subschemas seen before a late $id
        // ("Overwriting registered schemas is not permitted", json-everything issue #1044).
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://schemas.fastn.dev/cdm/{Name}/{Version}",
            ["title"] = Name,
            ["description"] = Description,
        };
        foreach (var (key, value) in CdmField.ObjectSchema(_fields).ToList())
        {
            schema[key] = value?.DeepClone();
        }

        return schema;
    }

    /// <summary>Declares a field of this entity; call once per field from the subclass constructor.</summary>
    protected CdmField Field(string name, CdmFieldType type, bool required, string description,
        CdmFieldType? itemType = null, IReadOnlyList<CdmField>? properties = null, IReadOnlyList<string>? enumValues = null)
    {
        var field = new CdmField(Name, name, type, required, description)
        {
            ItemType = itemType,
            Properties = properties ?? [],
            EnumValues = enumValues ?? [],
        };
        _fields.Add(field);
        return field;
    }

    /// <summary>Describes a member of a nested object (address line, variant, line item).</summary>
    protected CdmField Nested(string name, CdmFieldType type, bool required, string description, IReadOnlyList<string>? enumValues = null) =>
        new(Name, name, type, required, description) { EnumValues = enumValues ?? [] };

    /// <inheritdoc />
    public override string ToString() => $"{Name} v{Version}";
}

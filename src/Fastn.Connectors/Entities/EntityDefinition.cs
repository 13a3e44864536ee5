using System.Text.Json.Nodes;
using Fastn.Connectors.Cdm;

namespace Fastn.Connectors.Entities;

/// <summary>
/// A native record type of the app, its id and updated-at fields, the operations the app supports and
/// the <c>cdmField</c> mapping to a CDM entity. Built with <see cref="Define.Entity{T}"/>.
/// </summary>
public sealed record EntityDefinition
{
    /// <summary>snake_case name (<c>contact</c>).</summary>
    public required string Name { get; init; }

    /// <summary>The app's own name for the type (<c>Customer</c>, <c>res.partner</c>).</summary>
    public required string NativeType { get; init; }

    /// <summary>The CDM entity this maps to, or <see langword="null"/> when unmapped.</summary>
    public CdmEntity? Cdm { get; init; }

    /// <summary>JSON path of the id field.</summary>
    public string? IdPath { get; init; }

    /// <summary>JSON path of the last-modified field.</summary>
    public string? UpdatedAtPath { get; init; }

    /// <summary>Supported operations.</summary>
    public EntityOperations Operations { get; init; }

    /// <summary>Names of the actions implementing each operation, when they exist (<c>List → list_contacts</c>).</summary>
    public IReadOnlyDictionary<EntityOperations, string> OperationActions { get; init; } = new Dictionary<EntityOperations, string>();

    /// <summary>How the unified CDM API lists records page by page, when declared.</summary>
    public EntityListing? Listing { get; init; }

    /// <summary>How the unified CDM API and CDM sync create a record, when declared.</summary>
    public EntityWrite? Creating { get; init; }

    /// <summary>How the unified CDM API and CDM sync update a record, when declared.</summary>
    public EntityWrite? Updating { get; init; }

    /// <summary>The field mappings.</summary>
    public IReadOnlyList<FieldMapping> Mappings { get; init; } = [];

    /// <summary>The JSON Schema of a native record.</summary>
    public JsonObject RecordSchema { get; init; } = [];

    /// <summary>The CDM fields that some mapping feeds.</summary>
    public IEnumerable<CdmField> MappedCdmFields => Mappings.SelectMany(m => m.CdmFields).Distinct();

    /// <summary>Turns a native JSON record into a CDM record.</summary>
    public JsonObject ToCdm(JsonObject native)
    {
        ArgumentNullException.ThrowIfNull(native);
        var cdm = new JsonObject();
        foreach (var mapping in Mappings)
        {
            var value = JsonPath.Get(native, mapping.NativePath);
            if (mapping.ToCdm is null)
            {
                if (value is not null)
                {
                    cdm[mapping.CdmFields[0].Name] = value.DeepClone();
                }

                continue;
            }

            var values = mapping.ToCdm(value?.DeepClone(), native);
            for (var i = 0; i < mapping.CdmFields.Count && i < values.Count; i++)
            {
                if (values[i] is not null)
                {
                    cdm[mapping.CdmFields[i].Name] = values[i];
                }
            }
        }

        return cdm;
    }

    /// <summary>Turns a CDM record into a native JSON record (only writable mappings).</summary>
    public JsonObject FromCdm(JsonObject cdm)
    {
        ArgumentNullException.ThrowIfNull(cdm);
        var native = new JsonObject();
        foreach (var mapping in Mappings.Where(m => !m.ReadOnly))
        {
            var value = mapping.FromCdm is null
                ? cdm[mapping.CdmFields[0].Name]?.DeepClone()
                : mapping.FromCdm(cdm);
            if (value is not null)
            {
                JsonPath.Set(native, mapping.NativePath, value);
            }
        }

        return native;
    }
}

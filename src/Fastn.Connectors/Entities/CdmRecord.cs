using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Connectors.Cdm;
using Fastn.Connectors.Http;

namespace Fastn.Connectors.Entities;

/// <summary>A CDM record read through typed fields: <c>record.Get&lt;string&gt;(Cdm.Contact.FirstName)</c>.</summary>
public sealed class CdmRecord
{
    /// <summary>Wraps a CDM JSON object.</summary>
    public CdmRecord(JsonObject json)
    {
        Json = json;
    }

    /// <summary>The underlying JSON.</summary>
    public JsonObject Json { get; }

    /// <summary>Reads a field's value, or <see langword="default"/> when absent.</summary>
    public TValue? Get<TValue>(CdmField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return Json[field.Name] is { } node ? node.Deserialize<TValue>(ConnectorJson.Options) : default;
    }
}

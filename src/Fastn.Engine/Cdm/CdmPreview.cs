using System.Text.Json;
using System.Text.Json.Nodes;
using Fastn.Engine.Errors;
using Fastn.Engine.Registry;

namespace Fastn.Engine.Cdm;

/// <summary>
/// Maps a sample record through a connector entity's mappings both ways, without calling the app: native → CDM → native
/// (or CDM → native → CDM), and shows what the mappings leave out and what does not come back the same (lossy).
/// </summary>
public sealed class CdmPreview(ConnectorRegistry registry)
{
    /// <summary>Previews <paramref name="request"/>; a connector or entity that does not exist, or a record that is not an object, is a validation error.</summary>
    public CdmPreviewView Preview(CdmPreviewRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var definition = registry.Find(request.Connector ?? "")?.Definition
            ?? throw FastnException.Validation($"There is no connector '{request.Connector}'.", "connector");
        var entity = definition.Entities.FirstOrDefault(e => e.Name == request.Entity) ?? throw FastnException.Validation(
            $"Connector '{definition.Name}' has no entity '{request.Entity}'; its entities: {string.Join(", ", definition.Entities.Select(e => e.Name))}.", "entity");
        if (entity.Cdm is not { } cdmEntity)
        {
            throw FastnException.Validation($"Entity '{entity.Name}' of '{definition.Name}' maps no CDM entity.", "entity");
        }

        if ((request.Native is null) == (request.Cdm is null))
        {
            throw FastnException.Validation("Pass exactly one sample: 'native' (the app's record) or 'cdm' (a CDM record).", request.Native is null ? "native" : "cdm");
        }

        try
        {
            if (request.Native is { } native)
            {
                if (native is not JsonObject record)
                {
                    throw FastnException.Validation("'native' must be a JSON object: one record as the app sends it.", "native");
                }

                var cdm = entity.ToCdm(record);
                var back = entity.FromCdm(cdm);
                var read = entity.Mappings.Select(m => m.NativePath).ToHashSet(StringComparer.Ordinal);
                return new CdmPreviewView(entity.Cdm.Name, cdm, back,
                    UnmappedNative: [.. Leaves(record, "").Where(p => !read.Any(r => p == r || p.StartsWith(r + ".", StringComparison.Ordinal)))],
                    UnmappedCdm: [.. cdmEntity.Fields.Select(f => f.Name).Where(f => cdm[f] is null)],
                    Lossy: [.. entity.Mappings.Where(m => !m.ReadOnly).Select(m => m.NativePath).Distinct()
                        .Where(p => !JsonNode.DeepEquals(DotPath.Get(record, p), DotPath.Get(back, p)))],
                    ReadOnly: [.. entity.Mappings.Where(m => m.ReadOnly).SelectMany(m => m.CdmFields).Select(f => f.Name).Distinct()]);
            }

            if (request.Cdm is not JsonObject given)
            {
                throw FastnException.Validation("'cdm' must be a JSON object: one CDM record.", "cdm");
            }

            var nativeRecord = entity.FromCdm(given);
            var again = entity.ToCdm(nativeRecord);
            var written = entity.Mappings.Where(m => !m.ReadOnly).SelectMany(m => m.CdmFields).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
            return new CdmPreviewView(entity.Cdm.Name, again, nativeRecord,
                UnmappedNative: [],
                UnmappedCdm: [.. given.Select(p => p.Key).Where(k => !written.Contains(k))],
                Lossy: [.. given.Select(p => p.Key).Where(k => written.Contains(k) && !JsonNode.DeepEquals(given[k], again[k]))],
                ReadOnly: [.. entity.Mappings.Where(m => m.ReadOnly).SelectMany(m => m.CdmFields).Select(f => f.Name).Distinct()]);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException or NotSupportedException)
        {
            throw FastnException.Validation($"The sample could not be mapped: {ex.Message}", request.Native is null ? "cdm" : "native");
        }
    }

    // Every leaf path of a JSON object (arrays count as leaves).
    private static IEnumerable<string> Leaves(JsonObject o, string prefix)
    {
        foreach (var (name, value) in o)
        {
            var path = prefix.Length == 0 ? name : prefix + "." + name;
            if (value is JsonObject child && child.Count > 0)
            {
                foreach (var leaf in Leaves(child, path))
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return path;
            }
        }
    }
}

/// <summary>A preview request: the connector, its entity, and one sample record (native or CDM).</summary>
/// <param name="Connector">The connector's name.</param>
/// <param name="Entity">The connector's entity name (<c>contact</c>).</param>
/// <param name="Native">A record as the app sends it, or null.</param>
/// <param name="Cdm">A CDM record, or null.</param>
public sealed record CdmPreviewRequest(string? Connector, string? Entity, JsonNode? Native, JsonNode? Cdm);

/// <summary>What the mappings make of a sample.</summary>
/// <param name="CdmEntity">The CDM entity.</param>
/// <param name="Cdm">The sample as a CDM record (for a CDM sample: after the round trip through the app's shape).</param>
/// <param name="Native">The sample in the app's shape (for a native sample: after the round trip through the CDM).</param>
/// <param name="UnmappedNative">Native fields no mapping reads (kept only in <c>remoteData</c>).</param>
/// <param name="UnmappedCdm">CDM fields the sample does not fill (native sample) or that are not written to the app (CDM sample).</param>
/// <param name="Lossy">Fields that do not come back the same after the round trip.</param>
/// <param name="ReadOnly">CDM fields read from the app but never written back.</param>
public sealed record CdmPreviewView(string CdmEntity, JsonObject Cdm, JsonObject Native, IReadOnlyList<string> UnmappedNative, IReadOnlyList<string> UnmappedCdm,
    IReadOnlyList<string> Lossy, IReadOnlyList<string> ReadOnly);

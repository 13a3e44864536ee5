using Fastn.Connectors.Cdm;
using Fastn.Connectors.Entities;

namespace Fastn.Connectors.Capabilities;

/// <summary>How much of a CDM entity one connector entity maps: mapped ÷ CDM fields, required fields flagged.</summary>
public sealed record CdmCoverage
{
    /// <summary>The connector entity.</summary>
    public required string Entity { get; init; }

    /// <summary>The CDM entity name.</summary>
    public required string CdmEntity { get; init; }

    /// <summary>Mapped CDM fields.</summary>
    public required IReadOnlyList<string> Mapped { get; init; }

    /// <summary>CDM fields not mapped.</summary>
    public required IReadOnlyList<string> Unmapped { get; init; }

    /// <summary>Required CDM fields not mapped (records cannot be complete).</summary>
    public required IReadOnlyList<string> MissingRequired { get; init; }

    /// <summary>Mapped ÷ all CDM fields, 0–1.</summary>
    public double Ratio => Mapped.Count + Unmapped.Count == 0 ? 0 : (double)Mapped.Count / (Mapped.Count + Unmapped.Count);

    /// <summary>Computes the coverage of an entity mapping (null when the entity has no CDM entity).</summary>
    public static CdmCoverage? Of(EntityDefinition entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.Cdm is not CdmEntity cdm)
        {
            return null;
        }

        var mapped = entity.MappedCdmFields.Where(f => f.Entity == cdm.Name).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return new CdmCoverage
        {
            Entity = entity.Name,
            CdmEntity = cdm.Name,
            Mapped = [.. cdm.Fields.Where(f => mapped.Contains(f.Name)).Select(f => f.Name)],
            Unmapped = [.. cdm.Fields.Where(f => !mapped.Contains(f.Name)).Select(f => f.Name)],
            MissingRequired = [.. cdm.RequiredFields.Where(f => !mapped.Contains(f.Name)).Select(f => f.Name)],
        };
    }
}

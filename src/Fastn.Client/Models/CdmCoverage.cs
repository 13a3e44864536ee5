namespace Fastn.Client.Models;

/// <summary>CDM field coverage of an entity.</summary>
/// <param name="Ratio">Mapped fields over all fields, 0 to 1.</param>
/// <param name="Mapped">CDM fields mapped.</param>
/// <param name="Unmapped">CDM fields not mapped.</param>
/// <param name="MissingRequired">Required CDM fields not mapped.</param>
public sealed record CdmCoverage(double Ratio, IReadOnlyList<string> Mapped, IReadOnlyList<string> Unmapped, IReadOnlyList<string> MissingRequired);

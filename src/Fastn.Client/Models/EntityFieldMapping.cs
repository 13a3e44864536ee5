namespace Fastn.Client.Models;

/// <summary>One native field mapped to CDM fields.</summary>
/// <param name="Native">The native JSON path.</param>
/// <param name="Cdm">The CDM fields it fills.</param>
/// <param name="ReadOnly">Whether the mapping only reads from the app.</param>
public sealed record EntityFieldMapping(string Native, IReadOnlyList<string> Cdm, bool ReadOnly);

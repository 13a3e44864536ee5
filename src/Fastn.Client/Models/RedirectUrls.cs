namespace Fastn.Client.Models;

/// <summary>The URLs connect sessions may send users back to.</summary>
/// <param name="Urls">Absolute https URLs (http only for localhost).</param>
public sealed record RedirectUrls(IReadOnlyList<string> Urls);

namespace Fastn.Client.Models;

/// <summary>A credential field of an auth method.</summary>
/// <param name="Name">The key to send in <c>credentials</c>.</param>
/// <param name="Label">A human label.</param>
/// <param name="Secret">Whether the value is a secret (mask it when typed).</param>
/// <param name="Required">Whether the field must be given.</param>
/// <param name="Pattern">A regular expression the value must match, if any.</param>
/// <param name="Help">Where to find the value.</param>
/// <param name="Placeholder">An example value.</param>
public sealed record CredentialField(string Name, string? Label, bool Secret, bool Required, string? Pattern, string? Help, string? Placeholder);

namespace Fastn.Connectors.Authentication;

/// <summary>
/// One value a Connect form asks the user for (an API key, a shop domain, a username…).
/// </summary>
/// <param name="Name">The key under which the value is stored, snake_case or camelCase (<c>api_key</c>).</param>
/// <param name="Label">The form label (<c>API key</c>).</param>
public sealed record CredentialField(string Name, string Label)
{
    /// <summary>Whether the value is a secret: stored encrypted, never shown again, never logged.</summary>
    public bool Secret { get; init; }

    /// <summary>Whether the form refuses to submit without it.</summary>
    public bool Required { get; init; } = true;

    /// <summary>An optional regular expression the value must match (whole value).</summary>
    public string? Pattern { get; init; }

    /// <summary>Help shown under the field: where to find the value.</summary>
    public string? Help { get; init; }

    /// <summary>An example value shown as placeholder.</summary>
    public string? Placeholder { get; init; }

    /// <summary>
    /// Whether <paramref name="value"/> matches <see cref="Pattern"/> as a whole (true when there is no pattern).
    /// Anchored with <c>\A…\z</c>: .NET's <c>$</c> also matches before a final newline, so <c>"abc\n"</c> would pass.
    /// </summary>
    public bool Matches(string value) =>
        Pattern is not { } pattern
        || System.Text.RegularExpressions.Regex.IsMatch(value, $"\\A(?:{pattern})\\z", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>Creates a required secret field.</summary>
    public static CredentialField SecretField(string name, string label, string? help = null) =>
        new(name, label) { Secret = true, Help = help };

    /// <summary>Creates a required plain-text field.</summary>
    public static CredentialField Text(string name, string label, string? help = null, string? pattern = null) =>
        new(name, label) { Help = help, Pattern = pattern };
}

using System.Text.Json.Nodes;

namespace Fastn.Connectors.Testing;

/// <summary>
/// The expected request. <see cref="Method"/> and <see cref="Path"/> must match; <see cref="Query"/> (when
/// given) must match exactly; <see cref="Headers"/> is a subset that must be present; <see cref="Body"/>
/// (when given) must be equal as JSON, <see cref="BodyText"/> equal as text. In a header or query value,
/// <c>***</c> stands for a redacted secret and matches any non-empty text in its place, the rest must match
/// exactly: <c>Bearer ***</c> matches <c>Bearer abc</c> but not <c>token abc</c>. An <c>Authorization</c> header
/// must keep its scheme (<c>Bearer ***</c>, <c>Basic ***</c>); a bare <c>***</c> there is refused.
/// </summary>
public sealed class FixtureRequest
{
    /// <summary>The text that stands for a redacted secret: in a value it matches any non-empty text.</summary>
    public const string Redacted = "***";

    /// <summary>The HTTP method (<c>POST</c>).</summary>
    public string Method { get; set; } = "GET";

    /// <summary>The URL path (<c>/v1/contacts</c>).</summary>
    public string Path { get; set; } = "/";

    /// <summary>The whole query, unescaped; <see langword="null"/> to ignore the query.</summary>
    public Dictionary<string, string>? Query { get; set; }

    /// <summary>Headers that must be present with these values (case-insensitive names).</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>The JSON body; <see langword="null"/> to ignore the body.</summary>
    public JsonNode? Body { get; set; }

    /// <summary>The body as text, for non-JSON bodies (form posts).</summary>
    public string? BodyText { get; set; }

    /// <summary>
    /// Whether <paramref name="actual"/> matches <paramref name="expected"/>, where each <see cref="Redacted"/> in
    /// <paramref name="expected"/> matches one or more characters and everything else must be equal (ordinal).
    /// </summary>
    public static bool ValueMatches(string expected, string actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        if (!expected.Contains(Redacted, StringComparison.Ordinal))
        {
            return string.Equals(expected, actual, StringComparison.Ordinal);
        }

        var pattern = "^" + string.Join(".+", expected.Split(Redacted).Select(System.Text.RegularExpressions.Regex.Escape)) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(actual, pattern, System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }
}

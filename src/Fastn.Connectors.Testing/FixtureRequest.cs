using System.Text.Json.Nodes;

namespace Fastn.Connectors.Testing;

/// <summary>
/// The expected request. <see cref="Method"/> and <see cref="Path"/> must match; <see cref="Query"/> (when
/// given) must match exactly; <see cref="Headers"/> is a subset that must be present; <see cref="Body"/>
/// (when given) must be equal as JSON, <see cref="BodyText"/> equal as text. The value <c>***</c> matches
/// any value that is present (a redacted secret).
/// </summary>
public sealed class FixtureRequest
{
    /// <summary>The value that stands for a redacted secret and matches anything present.</summary>
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
}

using System.Text.Json.Nodes;

namespace Fastn.Connectors.Testing;

/// <summary>The app's response: status, headers and a JSON (or text) body.</summary>
public sealed class FixtureResponse
{
    /// <summary>The HTTP status (default 200).</summary>
    public int Status { get; set; } = 200;

    /// <summary>Response headers (<c>Retry-After</c>, <c>Link</c>, <c>Content-Type</c>).</summary>
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>The JSON body, sent as <c>application/json</c>.</summary>
    public JsonNode? Body { get; set; }

    /// <summary>A non-JSON body (HTML error pages, plain text), sent as <c>text/plain</c> unless a Content-Type header says otherwise.</summary>
    public string? BodyText { get; set; }
}

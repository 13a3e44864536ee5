using System.Text.Json;

namespace Fastn.Client.Errors;

/// <summary><c>fastn:validation</c>: the request was not valid; <see cref="Path"/> names the offending value.</summary>
public sealed class FastnValidationException(string type, string title, string detail, int status, string? traceId,
    IReadOnlyDictionary<string, JsonElement>? extensions, string? path)
    : FastnApiException(type, title, detail, status, traceId, extensions)
{
    /// <summary>The JSON path (<c>$.email</c>) or parameter/header name of the offending value, when known.</summary>
    public string? Path { get; } = path;
}

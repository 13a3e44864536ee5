using System.Text.Json;

namespace Fastn.Client.Errors;

/// <summary><c>fastn:not-found</c>: what the request named does not exist or is not visible to the caller.</summary>
public sealed class FastnNotFoundException(string type, string title, string detail, int status, string? traceId,
    IReadOnlyDictionary<string, JsonElement>? extensions)
    : FastnApiException(type, title, detail, status, traceId, extensions);

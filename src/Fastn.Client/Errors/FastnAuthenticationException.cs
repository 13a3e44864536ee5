using System.Text.Json;

namespace Fastn.Client.Errors;

/// <summary><c>fastn:unauthenticated</c> (401): the API key is missing, unknown or revoked.</summary>
public sealed class FastnAuthenticationException(string type, string title, string detail, int status, string? traceId,
    IReadOnlyDictionary<string, JsonElement>? extensions)
    : FastnApiException(type, title, detail, status, traceId, extensions);

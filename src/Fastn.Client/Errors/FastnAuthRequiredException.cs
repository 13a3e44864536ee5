using System.Text.Json;

namespace Fastn.Client.Errors;

/// <summary><c>fastn:auth-required</c>: the connection's credentials no longer work; the user must connect again (reconnect).</summary>
public sealed class FastnAuthRequiredException(string type, string title, string detail, int status, string? traceId,
    IReadOnlyDictionary<string, JsonElement>? extensions)
    : FastnApiException(type, title, detail, status, traceId, extensions);

using System.Text.Json;

namespace Fastn.Client.Errors;

/// <summary><c>fastn:upstream</c> (the third-party app answered with an error) or <c>fastn:unreachable</c> (it could not be reached).</summary>
public sealed class FastnUpstreamException(string type, string title, string detail, int status, string? traceId,
    IReadOnlyDictionary<string, JsonElement>? extensions, int? upstreamStatus, string? upstreamBody)
    : FastnApiException(type, title, detail, status, traceId, extensions)
{
    /// <summary>The app's HTTP status code, when it answered.</summary>
    public int? UpstreamStatus { get; } = upstreamStatus;

    /// <summary>The app's response body, truncated and redacted.</summary>
    public string? UpstreamBody { get; } = upstreamBody;
}

using System.Text.Json;

namespace Fastn.Client.Errors;

/// <summary><c>fastn:rate-limited</c>: the app (or Fastn) is rate limiting; wait <see cref="RetryAfter"/> before trying again.</summary>
public sealed class FastnRateLimitedException(string type, string title, string detail, int status, string? traceId,
    IReadOnlyDictionary<string, JsonElement>? extensions, TimeSpan? retryAfter)
    : FastnApiException(type, title, detail, status, traceId, extensions)
{
    /// <summary>How long to wait, from <c>retryAfterSeconds</c> or the <c>Retry-After</c> header, when given.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

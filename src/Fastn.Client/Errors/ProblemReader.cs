using System.Net.Http.Headers;
using System.Text.Json;

namespace Fastn.Client.Errors;

/// <summary>Turns a non-success response into the matching <see cref="FastnApiException"/>.</summary>
internal static class ProblemReader
{
    private const int MaxBodyInMessage = 500;

    public static async Task<FastnApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var where = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}";
        if (TryParse(body) is not { } problem)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
            var excerpt = body.Length > MaxBodyInMessage ? body[..MaxBodyInMessage] + "…" : body;
            var detail = string.IsNullOrWhiteSpace(body)
                ? $"{where} answered {status} {response.ReasonPhrase} with an empty body."
                : $"{where} answered {status} {response.ReasonPhrase} with a body that is not a problem document ({mediaType}): {excerpt}";
            return new FastnApiException("about:blank", response.ReasonPhrase ?? $"HTTP {status}", detail, status);
        }

        var type = String(problem, "type") ?? "about:blank";
        var title = String(problem, "title") ?? response.ReasonPhrase ?? $"HTTP {status}";
        var detailText = String(problem, "detail") ?? $"{where} answered {status} {title}.";
        var problemStatus = problem.TryGetValue("status", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : status;
        var traceId = String(problem, "traceId");
        return type switch
        {
            "fastn:validation" => new FastnValidationException(type, title, detailText, problemStatus, traceId, problem, String(problem, "path")),
            "fastn:not-found" => new FastnNotFoundException(type, title, detailText, problemStatus, traceId, problem),
            "fastn:unauthenticated" => new FastnAuthenticationException(type, title, detailText, problemStatus, traceId, problem),
            "fastn:auth-required" => new FastnAuthRequiredException(type, title, detailText, problemStatus, traceId, problem),
            "fastn:rate-limited" => new FastnRateLimitedException(type, title, detailText, problemStatus, traceId, problem, RetryAfter(problem, response.Headers.RetryAfter)),
            "fastn:upstream" or "fastn:unreachable" => new FastnUpstreamException(type, title, detailText, problemStatus, traceId, problem,
                problem.TryGetValue("upstreamStatus", out var u) && u.ValueKind == JsonValueKind.Number ? u.GetInt32() : null,
                UpstreamBody(problem)),
            _ => new FastnApiException(type, title, detailText, problemStatus, traceId, problem),
        };
    }

    private static Dictionary<string, JsonElement>? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("type", out _) && !document.RootElement.TryGetProperty("title", out _))
            {
                return null;
            }

            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(Dictionary<string, JsonElement> problem, string name) =>
        problem.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? UpstreamBody(Dictionary<string, JsonElement> problem) =>
        problem.TryGetValue("upstreamBody", out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        } : null;

    private static TimeSpan? RetryAfter(Dictionary<string, JsonElement> problem, RetryConditionHeaderValue? header)
    {
        if (problem.TryGetValue("retryAfterSeconds", out var seconds) && seconds.ValueKind == JsonValueKind.Number)
        {
            return TimeSpan.FromSeconds(seconds.GetDouble());
        }

        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? Max(date - TimeProvider.System.GetUtcNow()) : null;
    }

    private static TimeSpan Max(TimeSpan wait) => wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
}

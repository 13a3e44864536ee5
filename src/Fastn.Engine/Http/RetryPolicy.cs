using Fastn.Connectors.Http;
using Polly;

namespace Fastn.Engine.Http;

/// <summary>
/// Which outcomes are retried: 408, 429, 5xx and network errors — only for idempotent methods or
/// requests carrying an idempotency key, so a write is never duplicated by a retry.
/// </summary>
internal static class RetryPolicy
{
    private static readonly HashSet<string> IdempotentMethods = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        var request = outcome.Result?.RequestMessage ?? context.GetRequestMessage();
        if (request is null || !IsRetrySafe(request))
        {
            return false;
        }

        if (outcome.Exception is HttpRequestException or TimeoutException
            or Polly.Timeout.TimeoutRejectedException)
        {
            // A refusal by the SSRF guard is final.
            return outcome.Exception is not HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } hre
                || !hre.Message.StartsWith("Refused to connect", StringComparison.Ordinal);
        }

        var status = (int?)outcome.Result?.StatusCode;
        return status is 408 or 429 or >= 500;
    }

    public static bool IsRetrySafe(HttpRequestMessage request) =>
        IdempotentMethods.Contains(request.Method.Method)
        || request.Headers.Contains("Idempotency-Key")
        || request.Options.TryGetValue(ConnectorHttpClient.IdempotencyKeyOption, out _);
}

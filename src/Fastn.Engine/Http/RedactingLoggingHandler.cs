using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Fastn.Engine.Http;

/// <summary>
/// Logs each outbound request as method, scheme, host and path, status and duration — never the query
/// string (API keys travel there), headers or bodies. Replaces IHttpClientFactory's default loggers, which print full URLs.
/// </summary>
internal sealed class RedactingLoggingHandler(ILogger<RedactingLoggingHandler> logger) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var start = Stopwatch.GetTimestamp();
        var target = request.RequestUri is { } uri ? uri.GetLeftPart(UriPartial.Path) : "(no uri)";
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            logger.LogDebug("HTTP {Method} {Target} answered {Status} in {ElapsedMs:0.0} ms", request.Method, target, (int)response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            return response;
        }
        catch (HttpRequestException ex)
        {
            logger.LogInformation("HTTP {Method} {Target} failed after {ElapsedMs:0.0} ms: {Error}", request.Method, target, Stopwatch.GetElapsedTime(start).TotalMilliseconds, ex.HttpRequestError);
            throw;
        }
    }
}

using Fastn.Server.Errors;
using Microsoft.Extensions.Options;

namespace Fastn.Server.Requests;

/// <summary>
/// Refuses an over-long URL (414) or header block (431) as problem+json. Kestrel's own limits, which answer with an
/// empty body, are set well above these (<see cref="KestrelFactor"/>), so a client normally meets this explanation
/// rather than a bare status line.
/// </summary>
public sealed class RequestShapeMiddleware(RequestDelegate next, IOptionsMonitor<RequestLimitsOptions> limits)
{
    /// <summary>How far above the platform's limits Kestrel's own limits are set.</summary>
    public const int KestrelFactor = 4;

    /// <summary>Runs the middleware.</summary>
    public Task InvokeAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var options = limits.CurrentValue;
        var request = http.Request;
        var urlBytes = request.Path.Value?.Length + request.PathBase.Value?.Length + request.QueryString.Value?.Length ?? 0;
        if (urlBytes > options.MaxUrlBytes)
        {
            return Problems.Http("fastn:uri-too-long", StatusCodes.Status414UriTooLong, "URI too long",
                $"The request URL is {urlBytes} characters long; at most {options.MaxUrlBytes} are accepted (Fastn:Limits:MaxUrlBytes). Send large values in a JSON body instead.")
                .ExecuteAsync(http);
        }

        long headerBytes = 0;
        foreach (var (name, values) in request.Headers)
        {
            headerBytes += name.Length + 4;
            foreach (var value in values)
            {
                headerBytes += value?.Length ?? 0;
            }
        }

        if (headerBytes > options.MaxHeaderBytes)
        {
            return Problems.Http("fastn:headers-too-large", StatusCodes.Status431RequestHeaderFieldsTooLarge, "Request headers too large",
                $"The request headers add up to {headerBytes} bytes; at most {options.MaxHeaderBytes} are accepted (Fastn:Limits:MaxHeaderBytes).")
                .ExecuteAsync(http);
        }

        return next(http);
    }
}

using System.Text.Json;
using Fastn.Engine.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace Fastn.Server.Errors;

/// <summary>
/// Turns exceptions into problem+json: platform problems as they are, unreadable request bodies as
/// <c>fastn:validation</c> with the JSON path, anything else as <c>fastn:internal</c> without a stack trace.
/// </summary>
public sealed class ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var problem = exception switch
        {
            FastnException p => p,
            BadHttpRequestException { InnerException: JsonException json } => FastnException.Validation(
                $"The request body is not valid JSON for this endpoint: {JsonMessage(json)}", JsonPath(json)),
            BadHttpRequestException bad => FastnException.Validation($"The request could not be read: {bad.Message}"),
            JsonException json => FastnException.Validation($"The request body is not valid JSON: {JsonMessage(json)}", JsonPath(json)),
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => null,
        };

        if (problem is null)
        {
            if (httpContext.RequestAborted.IsCancellationRequested)
            {
                return true;
            }

            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new FastnException("fastn:internal", ErrorCategory.Internal, "Internal error",
                $"Something went wrong on the server (trace id {httpContext.TraceIdentifier}). Nothing was changed by this request unless its response says so; report the trace id if it repeats.");
        }

        await Problems.From(problem).ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    private static string? JsonPath(JsonException json) => json.Path is null ? null : json.Path;

    private static string JsonMessage(JsonException json)
    {
        // System.Text.Json messages name CLR types; keep the part that tells the user where and what.
        var message = json.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}

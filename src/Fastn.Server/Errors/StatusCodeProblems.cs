using Microsoft.AspNetCore.Diagnostics;

namespace Fastn.Server.Errors;

/// <summary>Gives framework-level refusals (no route, wrong method, not JSON) the same problem+json shape as everything else.</summary>
public static class StatusCodeProblems
{
    /// <summary>The status-code-pages handler.</summary>
    public static Task WriteAsync(StatusCodeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var where = $"{http.Request.Method} {http.Request.Path}";
        var problem = http.Response.StatusCode switch
        {
            404 => Problems.NotFound($"There is no endpoint at {where}. The API is described at /openapi/v1.json and /scalar."),
            405 => Problems.Http("fastn:method-not-allowed", 405, "Method not allowed", $"{where} does not accept {http.Request.Method}. The API is described at /openapi/v1.json."),
            415 => Problems.Http("fastn:validation", 415, "Unsupported media type", "Send the request body as JSON with the header 'Content-Type: application/json'."),
            _ => Problems.Http($"fastn:http-{http.Response.StatusCode}", http.Response.StatusCode, "Request failed", $"{where} answered {http.Response.StatusCode}."),
        };
        return problem.ExecuteAsync(http);
    }

    /// <summary>
    /// An endpoint filter for the OpenAPI route: an unknown document name is a problem+json 404 (the OpenAPI
    /// handler itself answers such a request with a plain-text body).
    /// </summary>
    public static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> OnlyOpenApiDocuments(params string[] names)
    {
        var known = names.ToHashSet(StringComparer.Ordinal);
        return (context, next) =>
        {
            var name = context.HttpContext.Request.RouteValues["documentName"] as string;
            return name is not null && !known.Contains(name)
                ? ValueTask.FromResult<object?>(Problems.NotFound(
                    $"There is no OpenAPI document named {Engine.Errors.ProblemText.Quote(name)}. The API is described at /openapi/{string.Join(", /openapi/", known.Order(StringComparer.Ordinal).Select(n => n + ".json"))}."))
                : next(context);
        };
    }
}

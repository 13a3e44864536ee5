using Fastn.Engine.Errors;

namespace Fastn.Server.Errors;

/// <summary>
/// The REST edge of the engine's errors: writes DESIGN.md §7 problem documents with a stable <c>type</c>, a
/// <c>detail</c> that says what to do, the JSON path for validation errors, the error's <c>category</c> and
/// whether a retry can help (<c>retryable</c>, <c>retryAfterSeconds</c> and a <c>Retry-After</c> header).
/// The HTTP status is chosen here from the category; the engine knows nothing of HTTP.
/// </summary>
public static class Problems
{
    /// <summary>The HTTP status of an engine error.</summary>
    public static int StatusOf(FastnException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Category switch
        {
            ErrorCategory.Validation => StatusCodes.Status400BadRequest,
            ErrorCategory.Unauthenticated or ErrorCategory.AuthRequired => StatusCodes.Status401Unauthorized,
            ErrorCategory.Forbidden => StatusCodes.Status403Forbidden,
            ErrorCategory.NotFound => StatusCodes.Status404NotFound,
            ErrorCategory.Conflict => StatusCodes.Status409Conflict,
            ErrorCategory.Gone => StatusCodes.Status410Gone,
            ErrorCategory.TooLarge => StatusCodes.Status413PayloadTooLarge,
            ErrorCategory.RateLimited => StatusCodes.Status429TooManyRequests,
            ErrorCategory.Upstream => StatusCodes.Status502BadGateway,
            ErrorCategory.Unreachable => StatusCodes.Status504GatewayTimeout,
            ErrorCategory.Cancelled => 499,
            _ => StatusCodes.Status500InternalServerError,
        };
    }

    /// <summary>The problem+json result of a platform error.</summary>
    public static ProblemResult From(FastnException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var extensions = new Dictionary<string, object?>(problem.Extensions)
        {
            ["category"] = problem.Category.Name(),
            ["retryable"] = problem.Retryable,
        };
        if (problem.Path is not null)
        {
            extensions["path"] = problem.Path;
        }

        var retryAfter = problem.RetryAfter is { } wait ? (int)Math.Ceiling(Math.Max(0, wait.TotalSeconds)) : (int?)null;
        if (retryAfter is not null)
        {
            extensions["retryAfterSeconds"] = retryAfter;
        }

        var status = StatusOf(problem);
        return new ProblemResult(Results.Problem(detail: problem.Detail, statusCode: status, title: problem.Title, type: problem.Code, extensions: extensions), status, retryAfter);
    }

    /// <summary>
    /// A refusal that exists only at the HTTP level (wrong method, URL or headers too long, wrong media type):
    /// no engine category fits, so the status is given directly.
    /// </summary>
    public static ProblemResult Http(string type, int status, string title, string detail) =>
        new(Results.Problem(detail: detail, statusCode: status, title: title, type: type,
            extensions: new Dictionary<string, object?> { ["category"] = "validation", ["retryable"] = false }), status, null);

    /// <summary>A validation problem at a JSON path.</summary>
    public static ProblemResult Validation(string detail, string? path = null) => From(FastnException.Validation(detail, path));

    /// <summary>A not-found problem.</summary>
    public static ProblemResult NotFound(string detail) => From(FastnException.NotFound(detail));
}

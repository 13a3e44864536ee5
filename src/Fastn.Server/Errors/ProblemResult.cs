namespace Fastn.Server.Errors;

/// <summary>
/// A problem+json answer (DESIGN.md §7) as a named result type, so a handler can declare it beside its success in
/// <c>Results&lt;Ok&lt;T&gt;, ProblemResult&gt;</c>. Its status varies with the error, so the statuses an operation can answer
/// are declared on the endpoint (<see cref="OpenApi.ProblemResponses"/>), not derived from this type.
/// </summary>
public sealed class ProblemResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    private readonly IResult _inner;
    private readonly int? _retryAfterSeconds;

    internal ProblemResult(IResult inner, int statusCode, int? retryAfterSeconds)
    {
        _inner = inner;
        StatusCode = statusCode;
        _retryAfterSeconds = retryAfterSeconds;
    }

    /// <summary>The HTTP status.</summary>
    public int StatusCode { get; }

    /// <summary><c>application/problem+json</c>.</summary>
    public string ContentType => "application/problem+json";

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (_retryAfterSeconds is { } seconds)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return _inner.ExecuteAsync(httpContext);
    }
}

namespace Fastn.Engine.Errors;

/// <summary>
/// An error the engine reports to whoever called it, in transport-neutral terms: a stable <see cref="Code"/>
/// (<c>fastn:validation</c>, <c>fastn:not-found</c>…), a <see cref="Category"/>, whether trying again can help,
/// a detail that says what to do (without naming any one surface's routes), and for validation errors the
/// offending JSON path. REST maps it to problem+json, flows to step outcomes, MCP to tool errors.
/// Messages never contain secrets.
/// </summary>
public sealed class FastnException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FastnException(string code, ErrorCategory category, string title, string detail, string? path = null, Exception? innerException = null)
        : base(detail, innerException)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Code = code;
        Category = category;
        Title = title;
        Path = path;
        Retryable = category is ErrorCategory.RateLimited or ErrorCategory.Unreachable;
    }

    /// <summary>The stable error code, e.g. <c>fastn:auth-required</c>.</summary>
    public string Code { get; }

    /// <summary>What kind of failure this is.</summary>
    public ErrorCategory Category { get; }

    /// <summary>A short summary of the problem.</summary>
    public string Title { get; }

    /// <summary>The human explanation, saying what to do (same as <see cref="Exception.Message"/>).</summary>
    public string Detail => Message;

    /// <summary>The JSON path of the offending value, for validation errors.</summary>
    public string? Path { get; init; }

    /// <summary>
    /// Whether the same request may succeed later without a change: true for rate limits and unreachable apps,
    /// and for an app's own 5xx answers; false for everything the caller has to fix first.
    /// </summary>
    public bool Retryable { get; init; }

    /// <summary>How long to wait before retrying, when the app said so.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Extra facts for the caller (upstream status, upstream body…), already redacted.</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    /// <summary>A validation error at <paramref name="path"/>.</summary>
    public static FastnException Validation(string detail, string? path = null) =>
        new("fastn:validation", ErrorCategory.Validation, "The request is not valid", detail, path);

    /// <summary>Something named in the request does not exist (or is not visible to the caller).</summary>
    public static FastnException NotFound(string detail) =>
        new("fastn:not-found", ErrorCategory.NotFound, "Not found", detail);

    /// <summary>The caller is not authenticated.</summary>
    public static FastnException Unauthenticated(string detail) =>
        new("fastn:unauthenticated", ErrorCategory.Unauthenticated, "Authentication required", detail);

    /// <summary>The caller may not do this.</summary>
    public static FastnException Forbidden(string detail) =>
        new("fastn:forbidden", ErrorCategory.Forbidden, "Forbidden", detail);

    /// <summary>The request conflicts with the current state.</summary>
    public static FastnException Conflict(string detail) =>
        new("fastn:conflict", ErrorCategory.Conflict, "Conflict", detail);

    /// <summary>A copy with <paramref name="detail"/> in place of this one's, keeping code, category, path, retry facts and extensions.</summary>
    public FastnException WithDetail(string detail, Func<object?, object?>? extension = null)
    {
        var copy = new FastnException(Code, Category, Title, detail, Path) { Retryable = Retryable, RetryAfter = RetryAfter };
        foreach (var (key, value) in Extensions)
        {
            copy.Extensions[key] = extension is null ? value : extension(value);
        }

        return copy;
    }
}

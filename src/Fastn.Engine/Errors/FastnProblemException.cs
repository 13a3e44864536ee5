namespace Fastn.Engine.Errors;

/// <summary>
/// An error the platform reports to its caller as problem+json: a stable <see cref="Type"/>
/// (<c>fastn:validation</c>, <c>fastn:not-found</c>…), an HTTP status, a detail that says what to do,
/// and for validation errors the offending JSON path. Messages never contain secrets.
/// </summary>
public sealed class FastnProblemException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FastnProblemException(string type, int status, string title, string detail, string? path = null, Exception? innerException = null)
        : base(detail, innerException)
    {
        Type = type;
        Status = status;
        Title = title;
        Path = path;
    }

    /// <summary>The stable problem type.</summary>
    public string Type { get; }

    /// <summary>The HTTP status.</summary>
    public int Status { get; }

    /// <summary>A short summary of the problem type.</summary>
    public string Title { get; }

    /// <summary>The human explanation (same as <see cref="Exception.Message"/>).</summary>
    public string Detail => Message;

    /// <summary>The JSON path of the offending value, for validation errors.</summary>
    public string? Path { get; init; }

    /// <summary>Extra members for the problem document (upstream status, retry-after…).</summary>
    public IDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?>();

    /// <summary>A validation error at <paramref name="path"/>.</summary>
    public static FastnProblemException Validation(string detail, string? path = null) =>
        new("fastn:validation", 400, "The request is not valid", detail, path);

    /// <summary>Something named in the request does not exist (or is not visible to the caller).</summary>
    public static FastnProblemException NotFound(string detail) =>
        new("fastn:not-found", 404, "Not found", detail);

    /// <summary>The caller is not authenticated.</summary>
    public static FastnProblemException Unauthenticated(string detail) =>
        new("fastn:unauthenticated", 401, "Authentication required", detail);

    /// <summary>The caller may not do this.</summary>
    public static FastnProblemException Forbidden(string detail) =>
        new("fastn:forbidden", 403, "Forbidden", detail);

    /// <summary>The request conflicts with the current state.</summary>
    public static FastnProblemException Conflict(string detail) =>
        new("fastn:conflict", 409, "Conflict", detail);
}

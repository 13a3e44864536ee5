using Fastn.Engine.Errors;

namespace Fastn.Server.Errors;

/// <summary>Writes DESIGN.md §7 problem documents: stable <c>type</c>, a <c>detail</c> that says what to do, and the JSON path for validation errors.</summary>
public static class Problems
{
    /// <summary>The problem+json result of a platform error.</summary>
    public static IResult From(FastnProblemException problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var extensions = new Dictionary<string, object?>(problem.Extensions);
        if (problem.Path is not null)
        {
            extensions["path"] = problem.Path;
        }

        return Results.Problem(detail: problem.Detail, statusCode: problem.Status, title: problem.Title, type: problem.Type, extensions: extensions);
    }

    /// <summary>A validation problem at a JSON path.</summary>
    public static IResult Validation(string detail, string? path = null) => From(FastnProblemException.Validation(detail, path));

    /// <summary>A not-found problem.</summary>
    public static IResult NotFound(string detail) => From(FastnProblemException.NotFound(detail));
}

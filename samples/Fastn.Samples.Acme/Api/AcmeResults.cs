using Microsoft.AspNetCore.Http;

namespace Fastn.Samples.Acme.Api;

/// <summary>Acme's JSON responses and error bodies (<c>{"error": "...", "message": "..."}</c>).</summary>
internal static class AcmeResults
{
    public static IResult Json<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, AcmeJson.Options, statusCode: statusCode);

    public static IResult Error(int statusCode, string error, string message) =>
        Json(new ErrorBody(error, message), statusCode);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, "not_found", message);

    public static IResult Validation(IReadOnlyDictionary<string, string> fields) =>
        Json(
            new ValidationBody("validation_failed", $"The request is invalid: {string.Join("; ", fields.Select(f => $"{f.Key} {f.Value}"))}.", fields),
            StatusCodes.Status422UnprocessableEntity);

    private sealed record ErrorBody(string Error, string Message);

    private sealed record ValidationBody(string Error, string Message, IReadOnlyDictionary<string, string> Fields);
}

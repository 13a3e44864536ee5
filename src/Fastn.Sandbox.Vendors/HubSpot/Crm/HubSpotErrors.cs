using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fastn.Sandbox.Vendors.HubSpot.Crm;

/// <summary>HubSpot's error body: <c>{status:"error", message, correlationId, category, errors?}</c>.</summary>
internal static class HubSpotErrors
{
    public static IResult Error(int status, string category, string message, JsonArray? errors = null, Action<JsonObject>? extra = null)
    {
        var body = new JsonObject
        {
            ["status"] = "error",
            ["message"] = message,
            ["correlationId"] = HubSpotState.CorrelationId(),
            ["category"] = category,
        };
        if (errors is not null)
        {
            body["errors"] = errors;
        }

        extra?.Invoke(body);
        return Results.Text(body.ToJsonString(), "application/json", statusCode: status);
    }

    public static IResult NotFound() => Error(404, "OBJECT_NOT_FOUND", "resource not found");

    public static IResult Validation(string message) => Error(400, "VALIDATION_ERROR", message);

    /// <summary>The classic property-validation error: the details are JSON embedded in the message.</summary>
    public static IResult InvalidProperty(string name, string error, string detail)
    {
        var embedded = new JsonArray(new JsonObject
        {
            ["isValid"] = false,
            ["message"] = detail,
            ["error"] = error,
            ["name"] = name,
            ["localizedErrorMessage"] = detail,
        });
        return Validation("Property values were not valid: " + embedded.ToJsonString());
    }

    public static IResult InvalidJson(string detail) => Error(400, "VALIDATION_ERROR", "Invalid input JSON on line 1: " + detail);
}

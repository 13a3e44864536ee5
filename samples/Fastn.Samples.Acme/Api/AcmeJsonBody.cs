using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fastn.Samples.Acme.Api;

/// <summary>Reads and checks JSON request bodies field by field, so type errors become 422s, not 400s.</summary>
internal static class AcmeJsonBody
{
    public static async Task<(JsonObject? Body, IResult? Error)> ReadObjectAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            return (null, AcmeResults.Error(
                StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", "Send a JSON body with 'Content-Type: application/json'."));
        }

        try
        {
            var node = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
            return node is JsonObject body
                ? (body, null)
                : (null, AcmeResults.Error(StatusCodes.Status400BadRequest, "invalid_json", "The body must be a JSON object."));
        }
        catch (JsonException ex)
        {
            return (null, AcmeResults.Error(StatusCodes.Status400BadRequest, "invalid_json", $"The body is not valid JSON: {ex.Message}"));
        }
    }

    /// <summary>Reads an optional string field; returns false when absent. Null is reported unless allowed.</summary>
    public static bool TryGetString(
        JsonObject body, string field, int maxLength, bool allowNull, Dictionary<string, string> errors, out string? value)
    {
        value = null;
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return false;
        }

        if (node is null)
        {
            if (!allowNull)
            {
                errors[field] = "must not be null";
            }

            return true;
        }

        if (node.GetValueKind() != JsonValueKind.String)
        {
            errors[field] = "must be a string";
            return true;
        }

        value = node.GetValue<string>().Trim();
        if (value.Length > maxLength)
        {
            errors[field] = $"must be at most {maxLength} characters";
        }

        return true;
    }

    /// <summary>Reads an optional array of strings; returns false when absent; null reads as empty.</summary>
    public static bool TryGetStringArray(
        JsonObject body, string field, int maxItems, int maxLength, Dictionary<string, string> errors, out List<string> values)
    {
        values = [];
        if (!body.TryGetPropertyValue(field, out var node))
        {
            return false;
        }

        if (node is null)
        {
            return true;
        }

        if (node is not JsonArray array || array.Any(i => i is null || i.GetValueKind() != JsonValueKind.String))
        {
            errors[field] = "must be an array of strings";
            return true;
        }

        values = [.. array.Select(i => i!.GetValue<string>().Trim()).Distinct(StringComparer.Ordinal)];
        if (values.Count > maxItems)
        {
            errors[field] = $"must have at most {maxItems} items";
        }
        else if (values.Any(v => v.Length == 0 || v.Length > maxLength))
        {
            errors[field] = $"items must be 1 to {maxLength} characters";
        }

        return true;
    }
}

using System.Net;
using System.Text.Json;

namespace Fastn.Connectors.BuiltIn.HubSpot;

/// <summary>
/// HubSpot's token endpoint answers <c>{"status":"BAD_REFRESH_TOKEN","message":…,"correlationId":…}</c> instead of
/// RFC 6749's <c>{"error":…}</c>; this reads those statuses as the RFC codes, so a dead refresh token is
/// <c>invalid_grant</c> (the user must connect again) and not an unreadable answer.
/// </summary>
internal static class HubSpotTokenErrors
{
    public static string? Classify(HttpStatusCode status, string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("status", out var code) || code.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            return code.GetString() switch
            {
                "BAD_REFRESH_TOKEN" or "BAD_AUTH_CODE" or "BAD_REDIRECT_URI" => "invalid_grant",
                "BAD_CLIENT_ID" or "BAD_CLIENT_SECRET" => "invalid_client",
                "BAD_GRANT_TYPE" => "unsupported_grant_type",
                "BAD_SCOPE" => "invalid_scope",
                _ => (int)status >= 500 ? "server_error" : null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

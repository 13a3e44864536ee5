using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.HubSpot.Webhooks;

/// <summary>
/// The test hook that makes HubSpot send a webhook: <c>POST /_sandbox/webhooks/send</c> with
/// <c>{targetUrl, subscriptionType, objectId, propertyName?, propertyValue?}</c> posts a one-event array to <c>targetUrl</c>,
/// signed as HubSpot signs (v3: base64 HMAC-SHA256 of method + URL + body + timestamp with the client secret; and v2),
/// and answers with the target's status, the event id and the body sent.
/// </summary>
internal static class HubSpotWebhookEndpoints
{
    private static long _eventId = 1_000_000;

    public static void MapHubSpotWebhookControl(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/_sandbox/webhooks/send", SendAsync);

    /// <summary>The v3 signature (same algorithm as HubSpot's documentation).</summary>
    public static string SignV3(string secret, string method, string url, string body, string timestamp) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(method + url + body + timestamp)));

    private static async Task<IResult> SendAsync(HttpContext context, HubSpotState state, IHttpClientFactory httpClientFactory)
    {
        JsonObject? request;
        try
        {
            request = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            request = null;
        }

        var targetUrl = request?["targetUrl"]?.ToString();
        var type = request?["subscriptionType"]?.ToString();
        if (targetUrl is null || !Uri.TryCreate(targetUrl, UriKind.Absolute, out _) || type is null || request!["objectId"] is null)
        {
            return Results.BadRequest(new { message = "Send {targetUrl, subscriptionType, objectId, propertyName?, propertyValue?}." });
        }

        var now = state.Time.GetUtcNow();
        var eventId = Interlocked.Increment(ref _eventId);
        var evt = new JsonObject
        {
            ["eventId"] = eventId,
            ["subscriptionId"] = 2_400_001,
            ["portalId"] = HubSpotSandboxApp.PortalId,
            ["appId"] = 1_234_567,
            ["occurredAt"] = now.ToUnixTimeMilliseconds(),
            ["subscriptionType"] = type,
            ["attemptNumber"] = 0,
            ["objectId"] = long.Parse(request["objectId"]!.ToString(), CultureInfo.InvariantCulture),
            ["changeSource"] = "CRM",
        };
        if (type.EndsWith(".propertyChange", StringComparison.Ordinal))
        {
            evt["propertyName"] = request["propertyName"]?.ToString() ?? "email";
            evt["propertyValue"] = request["propertyValue"]?.ToString() ?? "";
        }
        else
        {
            evt["changeFlag"] = type.EndsWith(".creation", StringComparison.Ordinal) ? "NEW" : type.EndsWith(".deletion", StringComparison.Ordinal) ? "DELETED" : "UPDATED";
        }

        var body = new JsonArray(evt).ToJsonString();
        var timestamp = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        using var message = new HttpRequestMessage(HttpMethod.Post, targetUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        message.Headers.TryAddWithoutValidation("X-HubSpot-Signature-v3", SignV3(HubSpotSandboxApp.SandboxClientSecret, "POST", targetUrl, body, timestamp));
        message.Headers.TryAddWithoutValidation("X-HubSpot-Request-Timestamp", timestamp);
        message.Headers.TryAddWithoutValidation("X-HubSpot-Signature-Version", "v2");
        message.Headers.TryAddWithoutValidation("X-HubSpot-Signature",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(HubSpotSandboxApp.SandboxClientSecret + "POST" + targetUrl + body))));
        message.Headers.UserAgent.ParseAdd("HubSpot Connect 2.0 (http://dev.hubspot.com/)");
        try
        {
            using var client = httpClientFactory.CreateClient();
            using var response = await client.SendAsync(message, context.RequestAborted);
            return Results.Json(new { status = (int)response.StatusCode, eventId, body });
        }
        catch (HttpRequestException ex)
        {
            return Results.Json(new { status = 0, eventId, body, error = ex.Message }, statusCode: StatusCodes.Status502BadGateway);
        }
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.QuickBooks;

/// <summary>
/// The test hook that makes QuickBooks send a webhook: <c>POST /_sandbox/webhooks/send</c> with
/// <c>{targetUrl, entities: [{name, id, operation}]}</c> posts Intuit's <c>eventNotifications</c> body to <c>targetUrl</c>,
/// signed with <c>intuit-signature</c> (base64 HMAC-SHA256 of the body with the verifier token), and answers with the
/// target's status and the body sent.
/// </summary>
internal static class QuickBooksWebhookSender
{
    public static void MapQuickBooksWebhookControl(this IEndpointRouteBuilder routes) =>
        routes.MapPost("/_sandbox/webhooks/send", SendAsync);

    public static string Sign(string verifierToken, string body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(verifierToken), Encoding.UTF8.GetBytes(body)));

    private static async Task<IResult> SendAsync(HttpContext context, QuickBooksStore store, IHttpClientFactory httpClientFactory)
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
        if (targetUrl is null || !Uri.TryCreate(targetUrl, UriKind.Absolute, out _) || request!["entities"] is not JsonArray { Count: > 0 } requested)
        {
            return Results.BadRequest(new { message = "Send {targetUrl, entities: [{name, id, operation}]}." });
        }

        var lastUpdated = store.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        var entities = new JsonArray();
        foreach (var e in requested.OfType<JsonObject>())
        {
            entities.Add(new JsonObject
            {
                ["name"] = e["name"]?.ToString() ?? "Customer",
                ["id"] = e["id"]?.ToString() ?? "1",
                ["operation"] = e["operation"]?.ToString() ?? "Update",
                ["lastUpdated"] = lastUpdated,
            });
        }

        var body = new JsonObject
        {
            ["eventNotifications"] = new JsonArray(new JsonObject
            {
                ["realmId"] = QuickBooksSandboxApp.RealmId,
                ["dataChangeEvent"] = new JsonObject { ["entities"] = entities },
            }),
        }.ToJsonString();
        using var message = new HttpRequestMessage(HttpMethod.Post, targetUrl) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        message.Headers.TryAddWithoutValidation("intuit-signature", Sign(QuickBooksSandboxApp.SandboxVerifierToken, body));
        message.Headers.TryAddWithoutValidation("intuit-t-id", Guid.NewGuid().ToString());
        try
        {
            using var client = httpClientFactory.CreateClient();
            using var response = await client.SendAsync(message, context.RequestAborted);
            return Results.Json(new { status = (int)response.StatusCode, body });
        }
        catch (HttpRequestException ex)
        {
            return Results.Json(new { status = 0, body, error = ex.Message }, statusCode: StatusCodes.Status502BadGateway);
        }
    }
}

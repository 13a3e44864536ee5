using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Sandbox.Vendors.Xero.Api;

/// <summary>
/// Test hooks (not part of Xero): register a webhook URL (with Xero's intent-to-receive check), send a signed
/// delivery now, force the next API call to be rate limited.
/// </summary>
internal static class XeroControlEndpoints
{
    public static void MapXeroControl(this IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup("/_sandbox").DisableAntiforgery();
        control.MapPut("/webhooks", async (WebhookUrl body, XeroSimulation sim, CancellationToken ct) =>
        {
            if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url))
            {
                return Results.BadRequest(new { error = "url must be an absolute URL" });
            }

            var (ok, valid, invalid) = await sim.SubscribeAsync(url, ct);
            return Results.Json(new { status = ok ? "OK" : "FAILED", correctlySignedStatus = valid, incorrectlySignedStatus = invalid, webhookKey = ok ? sim.WebhookKey : null },
                statusCode: ok ? 200 : 409);
        });
        control.MapPost("/webhooks/deliver", async (Delivery body, XeroSimulation sim, CancellationToken ct) =>
        {
            if (!Uri.TryCreate(body.Url, UriKind.Absolute, out var url))
            {
                return Results.BadRequest(new { error = "url must be an absolute URL" });
            }

            var events = body.IntentToReceive ? [] : new List<JsonObject>
            {
                XeroSimulation.Event(body.TenantId ?? sim.Organisations[0].TenantId, body.EventCategory ?? "CONTACT", body.EventType ?? "UPDATE",
                    body.ResourceId ?? sim.Organisations[0].Contacts[0].ContactId, sim.Time.GetUtcNow()),
            };
            var delivery = await sim.DeliverAsync(url, events, body.SignCorrectly ?? true, ct);
            return Results.Json(new { statusCode = delivery.StatusCode, error = delivery.Error, body = delivery.Body, signature = delivery.Signature });
        });
        control.MapPost("/rate-limit", (RateLimit body, XeroSimulation sim) =>
        {
            sim.ForceRateLimit(body.Problem ?? "minute", body.RetryAfter ?? 30);
            return Results.NoContent();
        });
    }

    private sealed record WebhookUrl(string Url);

    private sealed record Delivery(string Url, bool IntentToReceive = false, bool? SignCorrectly = null, string? TenantId = null,
        string? EventCategory = null, string? EventType = null, string? ResourceId = null);

    private sealed record RateLimit(string? Problem, int? RetryAfter);
}

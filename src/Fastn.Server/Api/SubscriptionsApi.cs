using System.Text.Json.Nodes;
using Fastn.Engine.Triggers;
using Fastn.Server.Security;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/subscriptions</c>: which trigger events of which connection Fastn receives.</summary>
public static class SubscriptionsApi
{
    /// <summary>A subscription to create.</summary>
    /// <param name="ConnectionId">The connection whose events to receive.</param>
    /// <param name="Trigger">The trigger's name (GET /api/v1/connectors/{name} lists them).</param>
    /// <param name="Parameters">The trigger's parameters, if it takes any.</param>
    /// <param name="SigningSecret">The secret the app signs deliveries with, copied from the webhook's settings in the app; omit it when the trigger registers its webhook with the app itself (GitHub, Shopify, Stripe). Stored encrypted, never shown again.</param>
    public sealed record CreateSubscriptionBody(string? ConnectionId, string? Trigger, JsonObject? Parameters, string? SigningSecret);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapSubscriptionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/subscriptions").WithTags("Subscriptions");

        group.MapPost("/", async (HttpContext http, SubscriptionService service, CreateSubscriptionBody? body, CancellationToken ct) =>
        {
            var created = await service.CreateAsync(CallerContext.Of(http).RequireTenant(),
                new CreateSubscriptionRequest(body?.ConnectionId, body?.Trigger, body?.Parameters, body?.SigningSecret), ct);
            return Results.Created($"/api/v1/subscriptions/{created.Id}", View(created));
        }).WithName("CreateSubscription")
            .WithSummary("Receive a trigger's events for a connection; the response's webhookUrl is where the app must send its deliveries");

        group.MapGet("/", async (HttpContext http, SubscriptionService service, string? connectionId, CancellationToken ct) =>
        {
            _ = CallerContext.Of(http);
            return Results.Ok((await service.ListAsync(connectionId, ct)).Select(View));
        }).WithName("ListSubscriptions").WithSummary("List subscriptions (of the tenant in x-fastn-space-tenantid, or of the whole workspace), optionally of one connection");

        group.MapGet("/{id}", async (HttpContext http, SubscriptionService service, string id, CancellationToken ct) =>
            Results.Ok(View(await service.GetAsync(CallerContext.Of(http).RequireTenant(), id, ct))))
            .WithName("GetSubscription").WithSummary("Get a subscription: status and reason, never its signing secret");

        group.MapPost("/{id}/pause", async (HttpContext http, SubscriptionService service, string id, CancellationToken ct) =>
            Results.Ok(View(await service.PauseAsync(CallerContext.Of(http).RequireTenant(), id, ct))))
            .WithName("PauseSubscription").WithSummary("Pause: deliveries are still acknowledged and stored, but held from dispatch");

        group.MapPost("/{id}/resume", async (HttpContext http, SubscriptionService service, string id, CancellationToken ct) =>
            Results.Ok(View(await service.ResumeAsync(CallerContext.Of(http).RequireTenant(), id, ct))))
            .WithName("ResumeSubscription").WithSummary("Resume a paused subscription");

        group.MapDelete("/{id}", async (HttpContext http, SubscriptionService service, string id, CancellationToken ct) =>
        {
            var warning = await service.DeleteAsync(CallerContext.Of(http).RequireTenant(), id, ct);
            return warning is null ? Results.NoContent() : Results.Ok(new { deleted = true, warning });
        }).WithName("DeleteSubscription")
            .WithSummary("Delete a subscription (and the webhook Fastn registered with the app); its URL answers 404 afterwards, its stored events stay. 200 with a warning when the app did not confirm removing its webhook");
        return api;
    }

    /// <summary>The public view of a subscription: no secret, ever.</summary>
    public static object View(SubscriptionView s) => new
    {
        id = s.Id,
        tenantId = s.Tenant.TenantId,
        connectionId = s.ConnectionId,
        connector = s.Connector,
        trigger = s.Trigger,
        status = s.Status.ToString(),
        statusReason = s.StatusReason,
        parameters = s.Parameters,
        webhookUrl = s.WebhookUrl,
        hasSigningSecret = s.HasSigningSecret,
        createdAt = s.CreatedAt,
        updatedAt = s.UpdatedAt,
    };
}

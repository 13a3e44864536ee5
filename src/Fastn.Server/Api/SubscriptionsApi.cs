using System.Text.Json.Nodes;
using Fastn.Engine.Triggers;
using Fastn.Engine.Triggers.Polling;
using Fastn.Server.OpenApi;
using Fastn.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/subscriptions</c>: which trigger events of which connection Fastn receives.</summary>
public static class SubscriptionsApi
{
    /// <summary>A subscription to create.</summary>
    /// <param name="ConnectionId">The connection whose events to receive.</param>
    /// <param name="Trigger">The trigger's name (GET /api/v1/connectors/{name} lists them).</param>
    /// <param name="Parameters">The trigger's parameters, if it takes any.</param>
    /// <param name="SigningSecret">The secret the app signs deliveries with, copied from the webhook's settings in the app; omit it when the trigger registers its webhook with the app itself (GitHub, Shopify, Stripe). Stored encrypted, never shown again.</param>
    /// <param name="Schedule">Poll triggers: <c>{"interval":"5m"}</c> or <c>{"cron":"0 9 * * 1-5","timeZone":"Europe/Paris"}</c>; default the trigger's interval.</param>
    /// <param name="InitialSync">Poll triggers: <c>baseline</c> (default: records that exist when polling starts produce no events) or <c>emit</c>.</param>
    public sealed record CreateSubscriptionBody(string? ConnectionId, string? Trigger, JsonObject? Parameters, string? SigningSecret,
        ScheduleBody? Schedule = null, string? InitialSync = null);

    /// <summary>When a poll subscription runs.</summary>
    /// <param name="Interval">Seconds (<c>"90"</c>), <c>"30s"</c>, <c>"5m"</c>, <c>"2h"</c>, <c>"1d"</c> or <c>hh:mm:ss</c>.</param>
    /// <param name="Cron">A cron expression: five fields, or six with seconds first.</param>
    /// <param name="TimeZone">The IANA time zone of the cron expression (default UTC).</param>
    public sealed record ScheduleBody(string? Interval, string? Cron, string? TimeZone);

    /// <summary>What one poll found.</summary>
    /// <param name="SubscriptionId">The subscription.</param>
    /// <param name="Outcome">Completed, PageCapReached, Failed, NeedsReauth or Skipped.</param>
    /// <param name="Detail">What it did or why it stopped.</param>
    /// <param name="Pages">Pages fetched.</param>
    /// <param name="Records">Records read.</param>
    /// <param name="Created">created events stored.</param>
    /// <param name="Updated">updated events stored.</param>
    /// <param name="Deleted">deleted events stored.</param>
    /// <param name="Baseline">Whether the run recorded a baseline without events.</param>
    /// <param name="NextPollAt">When the next scheduled poll is due.</param>
    /// <param name="ErrorCode">The error code of a failed run.</param>
    public sealed record PollRunBody(string SubscriptionId, string Outcome, string Detail, int Pages, int Records, int Created, int Updated, int Deleted,
        bool Baseline, DateTimeOffset? NextPollAt, string? ErrorCode);

    /// <summary>Which trigger events of one connection Fastn receives (never its signing secret).</summary>
    /// <param name="Id">The subscription id (<c>sub_…</c>).</param>
    /// <param name="TenantId">The tenant it belongs to.</param>
    /// <param name="ConnectionId">The connection whose events it receives.</param>
    /// <param name="Connector">The connector name.</param>
    /// <param name="Trigger">The trigger name.</param>
    /// <param name="Status"><c>Active</c>, <c>Paused</c>, <c>Failing</c> or <c>NeedsReauth</c>.</param>
    /// <param name="StatusReason">Why the status is what it is.</param>
    /// <param name="Parameters">The trigger's parameters.</param>
    /// <param name="WebhookUrl">Webhook triggers: where the app must send its deliveries.</param>
    /// <param name="HasSigningSecret">Whether a signing secret is stored.</param>
    /// <param name="CreatedAt">When it was created.</param>
    /// <param name="UpdatedAt">When it last changed.</param>
    /// <param name="Poll">Poll triggers: the schedule, the last and the next poll; null for webhook triggers.</param>
    public sealed record Subscription(string Id, string TenantId, string ConnectionId, string Connector, string Trigger, string Status, string? StatusReason,
        JsonObject Parameters, string? WebhookUrl, bool HasSigningSecret, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, PollStatusView? Poll);

    /// <summary>A deleted subscription whose webhook the app did not confirm removing.</summary>
    /// <param name="Deleted">Always true: the subscription is gone from Fastn.</param>
    /// <param name="Warning">What the app answered; remove the webhook in the app by hand.</param>
    public sealed record SubscriptionDeleted(bool Deleted, string Warning);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapSubscriptionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/subscriptions").WithTags("Subscriptions");

        group.MapPost("/", async (HttpContext http, SubscriptionService service, CreateSubscriptionBody? body, CancellationToken ct) =>
        {
            var created = await service.CreateAsync(CallerContext.Of(http).RequireTenant(),
                new CreateSubscriptionRequest(body?.ConnectionId, body?.Trigger, body?.Parameters, body?.SigningSecret,
                    body?.Schedule is { } schedule ? new PollScheduleRequest(schedule.Interval, schedule.Cron, schedule.TimeZone) : null, body?.InitialSync), ct);
            return TypedResults.Created($"/api/v1/subscriptions/{created.Id}", View(created));
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).ProducesProblems(ProblemResponses.Upstream).WithName("CreateSubscription")
            .WithSummary("Receive a trigger's events for a connection; the response's webhookUrl is where the app must send its deliveries");

        group.MapGet("/", async (HttpContext http, SubscriptionService service, string? connectionId, CancellationToken ct) =>
        {
            _ = CallerContext.Of(http);
            return TypedResults.Ok((await service.ListAsync(connectionId, ct)).Select(View).ToList());
        }).WithName("ListSubscriptions").WithSummary("List subscriptions (of the tenant in x-fastn-space-tenantid, or of the whole workspace), optionally of one connection");

        group.MapGet("/{id}", async (HttpContext http, SubscriptionService service, string id, CancellationToken ct) =>
            TypedResults.Ok(View(await service.GetAsync(CallerContext.Of(http).RequireTenant(), id, ct))))
            .ProducesProblems(StatusCodes.Status404NotFound).WithName("GetSubscription").WithSummary("Get a subscription: status and reason, never its signing secret");

        group.MapPost("/{id}/pause", async (HttpContext http, SubscriptionService service, string id, CancellationToken ct) =>
            TypedResults.Ok(View(await service.PauseAsync(CallerContext.Of(http).RequireTenant(), id, ct))))
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("PauseSubscription").WithSummary("Pause: deliveries are still acknowledged and stored, but held from dispatch");

        group.MapPost("/{id}/resume", async (HttpContext http, SubscriptionService service, string id, CancellationToken ct) =>
            TypedResults.Ok(View(await service.ResumeAsync(CallerContext.Of(http).RequireTenant(), id, ct))))
            .ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("ResumeSubscription").WithSummary("Resume a paused subscription");

        group.MapPost("/{id}/poll", async (HttpContext http, PollService polls, string id, CancellationToken ct) =>
        {
            var r = await polls.PollNowAsync(CallerContext.Of(http).RequireTenant(), id, ct);
            return TypedResults.Ok(new PollRunBody(r.SubscriptionId, r.Outcome.ToString(), r.Detail, r.Pages, r.Records, r.Created, r.Updated, r.Deleted,
                r.Baseline, r.NextPollAt, r.ErrorCode));
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).ProducesProblems(ProblemResponses.Upstream).WithName("PollSubscription")
            .WithSummary("Poll a poll subscription now (a flow's test run polls once) and return what it found; its events are stored as a scheduled poll's are");

        group.MapDelete("/{id}", async Task<Results<NoContent, Ok<SubscriptionDeleted>>> (HttpContext http, SubscriptionService service, string id, CancellationToken ct) =>
        {
            var warning = await service.DeleteAsync(CallerContext.Of(http).RequireTenant(), id, ct);
            return warning is null ? TypedResults.NoContent() : TypedResults.Ok(new SubscriptionDeleted(true, warning));
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("DeleteSubscription")
            .WithSummary("Delete a subscription (and the webhook Fastn registered with the app); its URL answers 404 afterwards, its stored events stay. 200 with a warning when the app did not confirm removing its webhook");
        return api;
    }

    /// <summary>The public view of a subscription: no secret, ever.</summary>
    public static Subscription View(SubscriptionView s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Tenant.TenantId, s.ConnectionId, s.Connector, s.Trigger, s.Status.ToString(), s.StatusReason, s.Parameters, s.WebhookUrl,
            s.HasSigningSecret, s.CreatedAt, s.UpdatedAt, s.Poll);
    }
}

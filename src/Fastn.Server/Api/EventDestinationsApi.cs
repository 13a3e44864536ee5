using Fastn.Engine.Triggers;
using Fastn.Server.Errors;
using Fastn.Server.Security;
using Fastn.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/event-destinations</c>: the workspace's own endpoints that receive its events (admin keys).</summary>
public static class EventDestinationsApi
{
    /// <summary>A destination to add.</summary>
    /// <param name="Url">The HTTPS endpoint events are POSTed to (http only for localhost).</param>
    /// <param name="EventTypes">Only these event types (all when omitted).</param>
    /// <param name="Kind">Only this kind: platform or trigger (both when omitted).</param>
    /// <param name="Filters">Conditions on the event's payload that must all hold: [{"path": "issue.state", "op": "eq", "value": "open"}]; op is eq, neq, gt, lt, in, contains or exists.</param>
    public sealed record AddDestinationBody(string? Url, string[]? EventTypes, string? Kind, System.Text.Json.Nodes.JsonArray? Filters);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapEventDestinationsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/event-destinations").WithTags("Event destinations").RequireAuthorization(FastnPolicies.Admin);

        group.MapPost("/", async (HttpContext http, EventDestinationService service, AddDestinationBody? body, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            caller.RequireWorkspaceKey();
            var added = await service.AddAsync(caller.WorkspaceId, body?.Url, body?.EventTypes, body?.Kind, ct, body?.Filters);
            return TypedResults.Created($"/api/v1/event-destinations/{added.Id}", added);
        }).WithName("AddEventDestination")
            .WithSummary("Send the workspace's events to an endpoint, signed the Standard Webhooks way; the answer shows the whsec_ signing secret once");

        group.MapGet("/", async (HttpContext http, EventDestinationService service, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireWorkspaceKey();
            return TypedResults.Ok(await service.ListAsync(ct));
        }).WithName("ListEventDestinations").WithSummary("The workspace's event destinations (never their secrets)");

        group.MapDelete("/{id}", async (HttpContext http, EventDestinationService service, string id, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireWorkspaceKey();
            await service.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("DeleteEventDestination").WithSummary("Stop sending events to a destination and drop its pending deliveries");

        group.MapGet("/{id}/deliveries", async Task<Results<Ok<IReadOnlyList<EventDeliveryView>>, ProblemResult>> (HttpContext http, EventDestinationService service, string id, string? status, int? limit, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireWorkspaceKey();
            if (limit is < 1 or > 200)
            {
                return Problems.Validation("'limit' must be between 1 and 200 (default 50).", "limit");
            }

            return TypedResults.Ok(await service.ListDeliveriesAsync(id, status, limit ?? 50, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("ListEventDeliveries").WithSummary("A destination's deliveries, newest first; status=Failed is the dead-letter list");

        group.MapPost("/deliveries/{deliveryId}/redeliver", async (HttpContext http, EventDestinationService service, string deliveryId, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireWorkspaceKey();
            return TypedResults.Ok(await service.RedeliverAsync(deliveryId, ct));
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("RedeliverEvent").WithSummary("Send a delivery again now (a dead letter, say), with a fresh set of attempts");
        return api;
    }
}

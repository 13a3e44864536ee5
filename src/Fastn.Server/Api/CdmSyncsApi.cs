using Fastn.Engine.Cdm;
using Fastn.Server.Security;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/syncs</c>: CDM syncs between two of a tenant's connections, their passes and unsynced records.</summary>
public static class CdmSyncsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapCdmSyncsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/syncs").WithTags("CDM");
        group.MapPost("/", async (HttpContext http, CdmSyncService service, CreateCdmSync? body, CancellationToken ct) =>
        {
            var created = await service.CreateAsync(CallerContext.Of(http).RequireTenant(), body ?? new CreateCdmSync(null, null, null), ct);
            return TypedResults.Created($"/api/v1/syncs/{created.Id}", created);
        }).WithName("CreateCdmSync")
            .WithSummary("Keep a CDM entity in step from connection A to B (twoWay: both ways); the first pass (the backfill) starts at once")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", async (HttpContext http, CdmSyncService service, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireTenant();
            return TypedResults.Ok(await service.ListAsync(ct));
        }).WithName("ListCdmSyncs").WithSummary("The tenant's CDM syncs with their status and counts");

        group.MapGet("/{id}", async (HttpContext http, CdmSyncService service, string id, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireTenant();
            return TypedResults.Ok(await service.GetAsync(id, ct));
        }).WithName("GetCdmSync").WithSummary("A sync's status, last pass and totals").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/errors", async (HttpContext http, CdmSyncService service, string id, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireTenant();
            return TypedResults.Ok(await service.ErrorsAsync(id, ct));
        }).WithName("ListCdmSyncErrors").WithSummary("Records the sync could not sync, and why").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/run", async (HttpContext http, CdmSyncService service, string id, CancellationToken ct) =>
            TypedResults.Ok(await service.RunPassAsync(CallerContext.Of(http).RequireTenant(), id, ct)))
            .WithName("RunCdmSyncPass").WithSummary("Run a pass now and answer the sync after it")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id}/pause", async (HttpContext http, CdmSyncService service, string id, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireTenant();
            return TypedResults.Ok(await service.SetPausedAsync(id, paused: true, ct));
        }).WithName("PauseCdmSync").WithSummary("Stop scheduled passes").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id}/resume", async (HttpContext http, CdmSyncService service, string id, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireTenant();
            return TypedResults.Ok(await service.SetPausedAsync(id, paused: false, ct));
        }).WithName("ResumeCdmSync").WithSummary("Resume scheduled passes; the next one starts at once").ProducesProblem(StatusCodes.Status404NotFound);

        group.MapDelete("/{id}", async (HttpContext http, CdmSyncService service, string id, CancellationToken ct) =>
        {
            CallerContext.Of(http).RequireTenant();
            await service.DeleteAsync(id, ct);
            return TypedResults.NoContent();
        }).WithName("DeleteCdmSync").WithSummary("Delete a sync with its links and errors; the records stay in both apps").ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }
}

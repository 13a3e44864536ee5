using System.Text.Json.Nodes;
using Fastn.Engine.Cdm;
using Fastn.Engine.Registry;
using Fastn.Server.Errors;
using Fastn.Server.Security;

namespace Fastn.Server.Api;

/// <summary>
/// <c>/api/v1/capabilities</c> (what each connector can do and how completely it covers the CDM) and
/// <c>/api/v1/cdm/{entity}</c> (the unified read API: CDM records from any connection whose connector maps the entity).
/// </summary>
public static class CdmApi
{
    private static readonly HashSet<string> ListParameters = new(StringComparer.Ordinal) { "connectionId", "limit", "cursor", "remoteData", "source" };

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapCdmApi(this RouteGroupBuilder api)
    {
        var capabilities = api.MapGroup("/capabilities").WithTags("Capabilities");
        capabilities.MapGet("/", (CapabilityRegistry registry) => TypedResults.Ok(new CapabilitiesView(registry.All, registry.CdmCoverage())))
            .WithName("ListCapabilities").WithSummary("Every connector's auth kinds, actions with hints, triggers, entities with operations, and CDM coverage per entity");
        capabilities.MapGet("/{connector}", (CapabilityRegistry registry, string connector) =>
            registry.Find(connector) is { } view ? (IResult)TypedResults.Ok(view)
                : Problems.NotFound($"There is no connector '{connector}'. List capabilities with GET /api/v1/capabilities."))
            .WithName("GetCapabilities").WithSummary("One connector's capabilities and CDM coverage")
            .Produces<ConnectorCapabilityView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        var cdm = api.MapGroup("/cdm").WithTags("CDM");
        cdm.MapPost("/preview", (CdmPreview preview, CdmPreviewRequest? body) =>
            TypedResults.Ok(preview.Preview(body ?? new CdmPreviewRequest(null, null, null, null))))
            .WithName("PreviewCdmMapping")
            .WithSummary("Map a sample record of a connector entity both ways (native → CDM → native, or CDM → native → CDM) and show unmapped, read-only and lossy fields")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        cdm.MapGet("/{entity}", async (HttpContext http, CdmService service, string entity, string? connectionId, int? limit, string? cursor, bool? remoteData,
            string? source, CancellationToken ct) =>
        {
            var tenant = CallerContext.Of(http).RequireTenant();
            var filters = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, values) in http.Request.Query)
            {
                if (ListParameters.Contains(key))
                {
                    continue;
                }

                if (values.Count != 1 || string.IsNullOrEmpty(values[0]))
                {
                    return (IResult)Problems.Validation($"Filter '{key}' needs exactly one non-empty value, like ?{key}=value.", key);
                }

                filters[key] = values[0]!;
            }

            var page = await service.ListAsync(tenant, entity, new CdmListQuery(connectionId, limit, cursor, filters, remoteData ?? false, source), ct);
            http.Response.Headers["x-fastn-call-id"] = page.CallId;
            return TypedResults.Ok(page);
        }).WithName("ListCdmRecords")
            .WithSummary("One page of CDM records (contacts, companies, orders…) from a connection; other query parameters are exact filters on CDM fields")
            .Produces<CdmPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        cdm.MapPost("/{entity}", async (HttpContext http, CdmService service, string entity, string? connectionId, string? source, JsonNode? record, CancellationToken ct) =>
        {
            var tenant = CallerContext.Of(http).RequireTenant();
            var written = await service.CreateAsync(tenant, entity, new CdmWrite(record, connectionId, source, IdempotencyKey(http)), ct);
            http.Response.Headers["x-fastn-call-id"] = written.CallId;
            var id = written.Record?["id"]?.ToString();
            return TypedResults.Created(id is null ? null : $"/api/v1/cdm/{Uri.EscapeDataString(entity)}/{Uri.EscapeDataString(id)}?connectionId={Uri.EscapeDataString(written.ConnectionId)}", written);
        }).WithName("CreateCdmRecord")
            .WithSummary("Create a CDM record in a connection's app through the entity's create action; answers the created record as CDM")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        cdm.MapPatch("/{entity}/{id}", async (HttpContext http, CdmService service, string entity, string id, string? connectionId, string? source, JsonNode? record,
            CancellationToken ct) =>
        {
            var tenant = CallerContext.Of(http).RequireTenant();
            var written = await service.UpdateAsync(tenant, entity, id, new CdmWrite(record, connectionId, source, IdempotencyKey(http)), ct);
            http.Response.Headers["x-fastn-call-id"] = written.CallId;
            return TypedResults.Ok(written);
        }).WithName("UpdateCdmRecord")
            .WithSummary("Change the given CDM fields of a record in a connection's app through the entity's update action; fields left out stay as they are")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static string? IdempotencyKey(HttpContext http) => http.Request.Headers["Idempotency-Key"].FirstOrDefault();

    /// <summary>Every connector's capabilities and, per CDM entity, the connectors covering it.</summary>
    /// <param name="Connectors">The connectors, by name.</param>
    /// <param name="Cdm">The CDM entities with their coverage.</param>
    public sealed record CapabilitiesView(IReadOnlyList<ConnectorCapabilityView> Connectors, IReadOnlyList<CdmEntityCoverageView> Cdm);
}

using System.Text.Json.Nodes;
using Fastn.Engine.Connections;
using Fastn.Engine.Execution;
using Fastn.Server.Errors;
using Fastn.Server.Security;
using Fastn.Storage;
using Fastn.Storage.ActionCalls;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/connections</c>: a tenant's accounts on apps, and actions on them.</summary>
public static class ConnectionsApi
{
    /// <summary>Connect with credentials (or the OAuth2 client-credentials grant).</summary>
    /// <param name="Connector">Connector name.</param>
    /// <param name="AuthMethod">Auth method id (default: the connector's default).</param>
    /// <param name="Credentials">Values for the method's credential fields.</param>
    /// <param name="DisplayName">A label.</param>
    public sealed record CreateConnectionBody(string? Connector, string? AuthMethod, Dictionary<string, string>? Credentials, string? DisplayName);

    /// <summary>New credentials for an existing connection.</summary>
    /// <param name="Credentials">Values for the method's credential fields.</param>
    public sealed record ReconnectBody(Dictionary<string, string>? Credentials);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapConnectionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connections").WithTags("Connections");

        // An {id} that cannot be a connection id names nothing: 404 before it reaches a query or a grain key.
        group.AddEndpointFilter((context, next) =>
            context.HttpContext.Request.RouteValues.TryGetValue("id", out var id) && !RowIds.IsWellFormed(id as string)
                ? ValueTask.FromResult<object?>(Problems.NotFound($"There is no connection {Engine.Errors.ProblemText.Quote(id as string)}: connection ids look like conn_01J… (letters, digits and '_'). List connections with GET /api/v1/connections."))
                : next(context));
        group.MapPost("/", async (HttpContext http, ConnectionService service, CreateConnectionBody? body, CancellationToken ct) =>
        {
            var tenant = CallerContext.Of(http).RequireTenant();
            if (string.IsNullOrWhiteSpace(body?.Connector))
            {
                return Problems.Validation("'connector' is required (e.g. \"acme-crm\"). List connectors with GET /api/v1/connectors.", "$.connector");
            }

            var connection = await service.CreateAsync(tenant, new CreateConnectionRequest(body.Connector, body.AuthMethod, body.Credentials, body.DisplayName), ct);
            return Results.Created($"/api/v1/connections/{connection.Id}", View(connection));
        }).WithName("CreateConnection").WithSummary("Connect an account with credentials; verified by the connector's test call before it is saved");

        group.MapGet("/", async (HttpContext http, ConnectionService service, string? connector, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            var list = await service.ListAsync(caller.TenantId, connector, ct);
            return Results.Ok(list.Select(View));
        }).WithName("ListConnections").WithSummary("List connections (of the tenant in x-fastn-space-tenantid, or of the whole workspace)");

        group.MapGet("/{id}", async (HttpContext http, ConnectionService service, string id, CancellationToken ct) =>
            Results.Ok(View(await service.GetOwnedAsync(CallerContext.Of(http).RequireTenant(), id, ct))))
            .WithName("GetConnection").WithSummary("Get a connection: status and reason, never credentials");

        group.MapPost("/{id}/test", async (HttpContext http, ConnectionService service, ActionExecutor executor, Engine.Registry.ConnectorRegistry registry, string id, CancellationToken ct) =>
        {
            var tenant = CallerContext.Of(http).RequireTenant();
            var connection = await service.GetOwnedAsync(tenant, id, ct);
            var test = registry.Find(connection.Connector)?.Definition.Capabilities.TestAction;
            if (test is null)
            {
                return Results.Ok(new { ok = true, detail = "The connector declares no test action; the connection is stored and active." });
            }

            var result = await executor.ExecuteAsync(new ActionCallRequest(tenant, id, test, new JsonObject(), Engine.Execution.ActionCaller.Rest), ct);
            return Results.Ok(new { ok = true, action = test, callId = result.CallId, durationMs = result.Duration.TotalMilliseconds });
        }).WithName("TestConnection").WithSummary("Run the connector's test call on the connection");

        group.MapPost("/{id}/reconnect", async (HttpContext http, ConnectionService service, string id, ReconnectBody? body, CancellationToken ct) =>
            Results.Ok(View(await service.ReconnectAsync(CallerContext.Of(http).RequireTenant(), id, body?.Credentials, ct))))
            .WithName("ReconnectConnection").WithSummary("Replace the credentials of a connection, keeping its id (OAuth connections: POST /api/v1/connect/{connector} with connectionId)");

        group.MapDelete("/{id}", async (HttpContext http, ConnectionService service, string id, CancellationToken ct) =>
        {
            await service.DeleteAsync(CallerContext.Of(http).RequireTenant(), id, ct);
            return Results.NoContent();
        }).WithName("DeleteConnection").WithSummary("Delete a connection and its stored credentials");

        group.MapPost("/{id}/actions/{action}", async (HttpContext http, ActionExecutor executor, string id, string action, JsonNode? input, CancellationToken ct) =>
        {
            var tenant = CallerContext.Of(http).RequireTenant();
            var idempotencyKey = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
            var result = await executor.ExecuteAsync(new ActionCallRequest(tenant, id, action, input, Engine.Execution.ActionCaller.Rest) { IdempotencyKey = idempotencyKey }, ct);
            http.Response.Headers["x-fastn-call-id"] = result.CallId;
            return Results.Json(result.Output);
        }).WithMetadata(Requests.ActionInputBody.Instance).WithName("ExecuteAction").WithSummary("Run an action on a connection; the body is the action's input, the response its output");

        group.MapGet("/{id}/calls", async (HttpContext http, ConnectionService service, ActionCallLog log, IActionCallLog writer, string id, int? limit, string? cursor, CancellationToken ct) =>
        {
            var tenant = CallerContext.Of(http).RequireTenant();
            await service.GetOwnedAsync(tenant, id, ct);
            // Calls are written behind the response; make every call that has returned visible.
            await writer.DrainAsync(TimeSpan.FromSeconds(5), ct);
            if (limit is < 1 or > ActionCallLog.MaxPageSize)
            {
                return Problems.Validation($"'limit' must be between 1 and {ActionCallLog.MaxPageSize}.", "limit");
            }

            if (cursor is not null && !ActionCallLog.IsCursor(cursor))
            {
                return Problems.Validation("'cursor' is not a valid page cursor. Pass the 'nextCursor' of a previous page unchanged, or omit it for the newest calls.", "cursor");
            }

            var page = await log.ListByConnectionAsync(id, limit ?? 50, cursor, ct);
            return Results.Ok(new
            {
                items = page.Items.Select(c => new
                {
                    id = c.Id,
                    action = c.Action,
                    status = c.Status.ToString(),
                    caller = c.Caller.ToString(),
                    errorType = c.ErrorType,
                    errorDetail = c.ErrorDetail,
                    upstreamStatus = c.HttpStatus,
                    durationMs = c.DurationMs,
                    startedAt = c.StartedAt,
                    input = JsonNode.Parse(c.Input),
                    output = ParseOrText(c.Output),
                }),
                nextCursor = page.NextCursor,
            });
        }).WithName("ListActionCalls").WithSummary("The connection's action-call log, newest first (inputs and outputs redacted)");
        return api;
    }

    /// <summary>The public view of a connection: no credentials, ever.</summary>
    public static object View(ConnectionView c) => new
    {
        id = c.Id,
        tenantId = c.Tenant.TenantId,
        connector = c.Connector,
        authMethod = c.AuthMethod,
        status = c.Status.ToString(),
        statusReason = c.StatusReason,
        displayName = c.DisplayName,
        metadata = c.Metadata,
        createdAt = c.CreatedAt,
        updatedAt = c.UpdatedAt,
    };

    private static JsonNode? ParseOrText(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}

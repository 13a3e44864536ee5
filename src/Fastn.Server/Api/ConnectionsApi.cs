using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Fastn.Engine.Connections;
using Fastn.Engine.Execution;
using Fastn.Server.Errors;
using Fastn.Server.OpenApi;
using Fastn.Server.Security;
using Fastn.Storage;
using Fastn.Storage.ActionCalls;
using Microsoft.AspNetCore.Http.HttpResults;

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

    /// <summary>A tenant's authenticated account on one connector: status and reason, never credentials.</summary>
    /// <param name="Id">The connection id (<c>conn_…</c>).</param>
    /// <param name="TenantId">The tenant it belongs to.</param>
    /// <param name="Connector">The connector name.</param>
    /// <param name="AuthMethod">The auth method id used.</param>
    /// <param name="Status"><c>Active</c>, <c>NeedsReauth</c>, <c>Error</c> or <c>Revoked</c>.</param>
    /// <param name="StatusReason">Why it is not active.</param>
    /// <param name="DisplayName">A label.</param>
    /// <param name="Metadata">Non-secret values captured when connecting.</param>
    /// <param name="CreatedAt">When it was created.</param>
    /// <param name="UpdatedAt">When it last changed.</param>
    public sealed record Connection(string Id, string TenantId, string Connector, string AuthMethod, string Status, string? StatusReason,
        string? DisplayName, IReadOnlyDictionary<string, string> Metadata, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    /// <summary>The result of the connector's test call (a failing call answers a problem instead).</summary>
    /// <param name="Ok">Always true: the call worked, or there is nothing to call.</param>
    /// <param name="Detail">Why nothing was called, when the connector declares no test action.</param>
    /// <param name="Action">The test action that ran.</param>
    /// <param name="CallId">The recorded call (GET /api/v1/connections/{id}/calls).</param>
    /// <param name="DurationMs">How long it took.</param>
    public sealed record ConnectionTestResult(
        bool Ok,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Detail = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Action = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CallId = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DurationMs = null);

    /// <summary>One recorded action call (inputs and outputs redacted).</summary>
    /// <param name="Id">The call id.</param>
    /// <param name="Action">The action name.</param>
    /// <param name="Status"><c>Succeeded</c> or <c>Failed</c>.</param>
    /// <param name="Caller">Who called it: <c>Rest</c>, <c>Flow</c> or <c>Mcp</c>.</param>
    /// <param name="ErrorType">The problem type, when it failed.</param>
    /// <param name="ErrorDetail">The problem detail, when it failed.</param>
    /// <param name="UpstreamStatus">The app's HTTP status, if it answered.</param>
    /// <param name="DurationMs">How long it took.</param>
    /// <param name="StartedAt">When it started.</param>
    /// <param name="Input">The input (redacted).</param>
    /// <param name="Output">The output (redacted), or its text when it was not JSON.</param>
    public sealed record ActionCall(string Id, string Action, string Status, string Caller, string? ErrorType, string? ErrorDetail, int? UpstreamStatus,
        long DurationMs, DateTimeOffset StartedAt, JsonNode? Input, JsonNode? Output);

    /// <summary>A page of the call log, newest first.</summary>
    /// <param name="Items">The calls.</param>
    /// <param name="NextCursor">Pass as <c>cursor</c> for the next page; null on the last one.</param>
    public sealed record ActionCallPage(IReadOnlyList<ActionCall> Items, string? NextCursor);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapConnectionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connections").WithTags("Connections");

        // An {id} that cannot be a connection id names nothing: 404 before it reaches a query or a grain key.
        group.AddEndpointFilter((context, next) =>
            context.HttpContext.Request.RouteValues.TryGetValue("id", out var id) && !RowIds.IsWellFormed(id as string)
                ? ValueTask.FromResult<object?>(Problems.NotFound($"There is no connection {Engine.Errors.ProblemText.Quote(id as string)}: connection ids look like conn_01J… (letters, digits and '_'). List connections with GET /api/v1/connections."))
                : next(context));
        group.MapPost("/", async Task<Results<Created<Connection>, ProblemResult>> (HttpContext http, ConnectionService service, CreateConnectionBody? body, CancellationToken ct) =>
        {
            var tenant = CallerContext.Of(http).RequireTenant();
            if (string.IsNullOrWhiteSpace(body?.Connector))
            {
                return Problems.Validation("'connector' is required (e.g. \"acme-crm\"). List connectors with GET /api/v1/connectors.", "$.connector");
            }

            var connection = await service.CreateAsync(tenant, new CreateConnectionRequest(body.Connector, body.AuthMethod, body.Credentials, body.DisplayName), ct);
            return TypedResults.Created($"/api/v1/connections/{connection.Id}", View(connection));
        }).ProducesAppProblems().WithName("CreateConnection").WithSummary("Connect an account with credentials; verified by the connector's test call before it is saved");

        group.MapGet("/", async (HttpContext http, ConnectionService service, string? connector, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            var list = await service.ListAsync(caller.TenantId, connector, ct);
            return TypedResults.Ok(list.Select(View).ToList());
        }).WithName("ListConnections").WithSummary("List connections (of the tenant in x-fastn-space-tenantid, or of the whole workspace)");

        group.MapGet("/{id}", async (HttpContext http, ConnectionService service, string id, CancellationToken ct) =>
            TypedResults.Ok(View(await service.GetOwnedAsync(CallerContext.Of(http).RequireTenant(), id, ct))))
            .ProducesProblems(StatusCodes.Status404NotFound).WithName("GetConnection").WithSummary("Get a connection: status and reason, never credentials");

        group.MapPost("/{id}/test", async (HttpContext http, ConnectionService service, ActionExecutor executor, Engine.Registry.ConnectorRegistry registry, string id, CancellationToken ct) =>
        {
            var tenant = CallerContext.Of(http).RequireTenant();
            var connection = await service.GetOwnedAsync(tenant, id, ct);
            var test = registry.Find(connection.Connector)?.Definition.Capabilities.TestAction;
            if (test is null)
            {
                return TypedResults.Ok(new ConnectionTestResult(true, Detail: "The connector declares no test action; the connection is stored and active."));
            }

            var result = await executor.ExecuteAsync(new ActionCallRequest(tenant, id, test, new JsonObject(), Engine.Execution.ActionCaller.Rest), ct);
            return TypedResults.Ok(new ConnectionTestResult(true, Action: test, CallId: result.CallId, DurationMs: result.Duration.TotalMilliseconds));
        }).ProducesAppProblems().WithName("TestConnection").WithSummary("Run the connector's test call on the connection");

        group.MapPost("/{id}/reconnect", async (HttpContext http, ConnectionService service, string id, ReconnectBody? body, CancellationToken ct) =>
            TypedResults.Ok(View(await service.ReconnectAsync(CallerContext.Of(http).RequireTenant(), id, body?.Credentials, ct))))
            .ProducesAppProblems().WithName("ReconnectConnection").WithSummary("Replace the credentials of a connection, keeping its id (OAuth connections: POST /api/v1/connect/{connector} with connectionId)");

        group.MapDelete("/{id}", async (HttpContext http, ConnectionService service, string id, CancellationToken ct) =>
        {
            await service.DeleteAsync(CallerContext.Of(http).RequireTenant(), id, ct);
            return TypedResults.NoContent();
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("DeleteConnection").WithSummary("Delete a connection and its stored credentials");

        group.MapPost("/{id}/actions/{action}", async (HttpContext http, ActionExecutor executor, string id, string action, JsonNode? input, CancellationToken ct) =>
        {
            var tenant = CallerContext.Of(http).RequireTenant();
            var idempotencyKey = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
            var result = await executor.ExecuteAsync(new ActionCallRequest(tenant, id, action, input, Engine.Execution.ActionCaller.Rest) { IdempotencyKey = idempotencyKey }, ct);
            http.Response.Headers["x-fastn-call-id"] = result.CallId;
            return Results.Json(result.Output);
        }).WithMetadata(Requests.ActionInputBody.Instance)
            // The output's shape is the action's own (GET /api/v1/connectors/{name} gives each action's output schema).
            .Produces<JsonNode>(StatusCodes.Status200OK).ProducesAppProblems().WithName("ExecuteAction").WithSummary("Run an action on a connection; the body is the action's input, the response its output");

        group.MapGet("/{id}/calls", async Task<Results<Ok<ActionCallPage>, ProblemResult>> (HttpContext http, ConnectionService service, ActionCallLog log, IActionCallLog writer, string id, int? limit, string? cursor, CancellationToken ct) =>
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
            return TypedResults.Ok(new ActionCallPage(
                [.. page.Items.Select(c => new ActionCall(c.Id, c.Action, c.Status.ToString(), c.Caller.ToString(), c.ErrorType, c.ErrorDetail, c.HttpStatus,
                    c.DurationMs, c.StartedAt, JsonNode.Parse(c.Input), ParseOrText(c.Output)))],
                page.NextCursor));
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("ListActionCalls").WithSummary("The connection's action-call log, newest first (inputs and outputs redacted)");
        return api;
    }

    /// <summary>The public view of a connection: no credentials, ever.</summary>
    public static Connection View(ConnectionView c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(c.Id, c.Tenant.TenantId, c.Connector, c.AuthMethod, c.Status.ToString(), c.StatusReason, c.DisplayName, c.Metadata, c.CreatedAt, c.UpdatedAt);
    }

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

using Fastn.Server.Errors;
using Fastn.Server.Security;
using Fastn.Storage.ApiKeys;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/api-keys</c>: create (shown once), list (prefix only), revoke.</summary>
public static class ApiKeysApi
{
    /// <summary>A new key.</summary>
    /// <param name="Name">What it is for.</param>
    /// <param name="TenantId">Limit the key to one tenant.</param>
    public sealed record CreateKeyBody(string? Name, string? TenantId);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys");
        group.MapPost("/", async (HttpContext http, ApiKeyStore store, CreateKeyBody? body, CancellationToken ct) =>
        {
            var caller = ApiKeyFilter.Caller(http);
            caller.RequireWorkspaceKey();
            if (string.IsNullOrWhiteSpace(body?.Name))
            {
                return Problems.Validation("'name' is required: say what the key is for.", "$.name");
            }

            var created = await store.CreateAsync(caller.WorkspaceId, body.Name, body.TenantId is null ? "workspace" : "tenant", body.TenantId, cancellationToken: ct);
            return Results.Created($"/api/v1/api-keys/{created.Key.Id}", new
            {
                id = created.Key.Id,
                name = created.Key.Name,
                tenantId = created.Key.TenantId,
                prefix = created.Key.Prefix,
                key = created.PlaintextKey,
                note = "This is the only time the key is shown; store it now.",
            });
        }).WithName("CreateApiKey").WithSummary("Create an API key (workspace-wide or scoped to one tenant); the key is shown once");

        group.MapGet("/", async (HttpContext http, ApiKeyStore store, CancellationToken ct) =>
        {
            var caller = ApiKeyFilter.Caller(http);
            caller.RequireWorkspaceKey();
            var keys = await store.ListAsync(caller.WorkspaceId, ct);
            return Results.Ok(keys.Select(k => new { id = k.Id, name = k.Name, tenantId = k.TenantId, prefix = k.Prefix, createdAt = k.CreatedAt, lastUsedAt = k.LastUsedAt, revokedAt = k.RevokedAt }));
        }).WithName("ListApiKeys").WithSummary("List API keys (prefix only)");

        group.MapDelete("/{id}", async (HttpContext http, ApiKeyStore store, string id, CancellationToken ct) =>
        {
            var caller = ApiKeyFilter.Caller(http);
            caller.RequireWorkspaceKey();
            return await store.RevokeAsync(caller.WorkspaceId, id, ct) ? Results.NoContent() : Problems.NotFound($"API key '{id}' does not exist.");
        }).WithName("RevokeApiKey").WithSummary("Revoke an API key; it stops working at once");
        return api;
    }
}

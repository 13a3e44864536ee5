using Fastn.Engine.Errors;
using Fastn.Server.Errors;
using Fastn.Server.Security;
using Fastn.Storage.ApiKeys;
using Fastn.Storage.Workspaces;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/api-keys</c>: create (shown once), list (prefix only), revoke.</summary>
public static class ApiKeysApi
{
    /// <summary>A new key.</summary>
    /// <param name="Name">What it is for (1–200 characters, no control characters).</param>
    /// <param name="TenantId">Limit the key to one tenant (omit for a workspace-wide key).</param>
    /// <param name="Role"><c>member</c> (default) or <c>admin</c>; admin keys are workspace-wide.</param>
    public sealed record CreateKeyBody(string? Name, string? TenantId, string? Role);

    /// <summary>Maps the endpoints (admin keys only).</summary>
    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(FastnPolicies.Admin);
        group.MapPost("/", async (HttpContext http, ApiKeyStore store, CreateKeyBody? body, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            if (ApiKeyName.Validate(body?.Name) is { } nameError)
            {
                return Problems.Validation($"'name' {nameError}.", "$.name");
            }

            if (body!.TenantId is { } tenantId && TenantId.Validate(tenantId) is { } tenantError)
            {
                return Problems.Validation($"'tenantId' {tenantError}: use {TenantId.Rule}, or omit it for a workspace-wide key.", "$.tenantId");
            }

            var role = ApiKeyRole.Member;
            if (body.Role is not null && !FastnPrincipal.TryParseRole(body.Role, out role))
            {
                return Problems.Validation("'role' must be \"member\" (the default) or \"admin\".", "$.role");
            }

            if (role == ApiKeyRole.Admin && body.TenantId is not null)
            {
                return Problems.Validation("An admin key is workspace-wide: omit 'tenantId', or create a member key for the tenant.", "$.role");
            }

            var created = await store.CreateAsync(caller.WorkspaceId, body.Name!, role, body.TenantId, cancellationToken: ct);
            return Results.Created($"/api/v1/api-keys/{created.Key.Id}", new
            {
                id = created.Key.Id,
                name = created.Key.Name,
                tenantId = created.Key.TenantId,
                role = FastnPrincipal.RoleName(created.Key.Role),
                prefix = created.Key.Prefix,
                key = created.PlaintextKey,
                note = "This is the only time the key is shown; store it now.",
            });
        }).WithName("CreateApiKey").WithSummary("Create an API key (workspace-wide or scoped to one tenant); the key is shown once");

        group.MapGet("/", async (HttpContext http, ApiKeyStore store, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            var keys = await store.ListAsync(caller.WorkspaceId, ct);
            return Results.Ok(keys.Select(k => new { id = k.Id, name = k.Name, tenantId = k.TenantId, role = FastnPrincipal.RoleName(k.Role), prefix = k.Prefix, createdAt = k.CreatedAt, lastUsedAt = k.LastUsedAt, revokedAt = k.RevokedAt }));
        }).WithName("ListApiKeys").WithSummary("List API keys (prefix only)");

        group.MapDelete("/{id}", async (HttpContext http, ApiKeyStore store, string id, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            return await store.RevokeAsync(caller.WorkspaceId, id, ct) switch
            {
                RevokeApiKeyResult.Revoked => Results.NoContent(),
                RevokeApiKeyResult.LastAdminKey => Problems.From(new FastnException("fastn:last-admin-key", ErrorCategory.Conflict, "Last admin key",
                    "This is the workspace's last active admin key; revoking it would leave nobody able to manage keys. Create another admin key first (POST /api/v1/api-keys {\"role\":\"admin\"}), then revoke this one.")),
                _ => Problems.NotFound("There is no active API key with this id in the workspace. List keys with GET /api/v1/api-keys."),
            };
        }).WithName("RevokeApiKey").WithSummary("Revoke an API key; it stops working at once (the last active admin key cannot be revoked)");
        return api;
    }
}

using Fastn.Engine.Errors;
using Fastn.Server.Errors;
using Fastn.Server.Security;
using Fastn.Storage.ApiKeys;
using Fastn.Storage.Workspaces;
using Fastn.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/api-keys</c>: create (shown once), list (prefix only), revoke.</summary>
public static class ApiKeysApi
{
    /// <summary>A new key.</summary>
    /// <param name="Name">What it is for (1–200 characters, no control characters).</param>
    /// <param name="TenantId">Limit the key to one tenant (omit for a workspace-wide key).</param>
    /// <param name="Role"><c>member</c> (default) or <c>admin</c>; admin keys are workspace-wide.</param>
    public sealed record CreateKeyBody(string? Name, string? TenantId, string? Role);

    /// <summary>A new API key; <paramref name="Key"/> is shown this once.</summary>
    /// <param name="Id">The key id.</param>
    /// <param name="Name">What it is for.</param>
    /// <param name="TenantId">The tenant it is limited to, if any.</param>
    /// <param name="Role"><c>member</c> or <c>admin</c>.</param>
    /// <param name="Prefix">The first characters of the key (what lists show).</param>
    /// <param name="Key">The key (<c>fk_…</c>): store it now.</param>
    /// <param name="Note">A reminder that the key is not shown again.</param>
    public sealed record CreatedApiKey(string Id, string Name, string? TenantId, string Role, string Prefix, string Key, string Note);

    /// <summary>An API key as listed: its prefix, never the key.</summary>
    /// <param name="Id">The key id.</param>
    /// <param name="Name">What it is for.</param>
    /// <param name="TenantId">The tenant it is limited to, if any.</param>
    /// <param name="Role"><c>member</c> or <c>admin</c>.</param>
    /// <param name="Prefix">The first characters of the key.</param>
    /// <param name="CreatedAt">When it was created.</param>
    /// <param name="LastUsedAt">When it was last used.</param>
    /// <param name="RevokedAt">When it was revoked.</param>
    public sealed record ApiKey(string Id, string Name, string? TenantId, string Role, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

    /// <summary>Maps the endpoints (admin keys only).</summary>
    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(FastnPolicies.Admin);
        group.MapPost("/", async Task<Results<Created<CreatedApiKey>, ProblemResult>> (HttpContext http, ApiKeyStore store, CreateKeyBody? body, CancellationToken ct) =>
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
            return TypedResults.Created($"/api/v1/api-keys/{created.Key.Id}", new CreatedApiKey(created.Key.Id, created.Key.Name, created.Key.TenantId,
                FastnPrincipal.RoleName(created.Key.Role), created.Key.Prefix, created.PlaintextKey, "This is the only time the key is shown; store it now."));
        }).WithName("CreateApiKey").WithSummary("Create an API key (workspace-wide or scoped to one tenant); the key is shown once");

        group.MapGet("/", async (HttpContext http, ApiKeyStore store, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            var keys = await store.ListAsync(caller.WorkspaceId, ct);
            return TypedResults.Ok(keys.Select(k => new ApiKey(k.Id, k.Name, k.TenantId, FastnPrincipal.RoleName(k.Role), k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt)).ToList());
        }).WithName("ListApiKeys").WithSummary("List API keys (prefix only)");

        group.MapDelete("/{id}", async Task<Results<NoContent, ProblemResult>> (HttpContext http, ApiKeyStore store, string id, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            return await store.RevokeAsync(caller.WorkspaceId, id, ct) switch
            {
                RevokeApiKeyResult.Revoked => TypedResults.NoContent(),
                RevokeApiKeyResult.LastAdminKey => Problems.From(new FastnException("fastn:last-admin-key", ErrorCategory.Conflict, "Last admin key",
                    "This is the workspace's last active admin key; revoking it would leave nobody able to manage keys. Create another admin key first (POST /api/v1/api-keys {\"role\":\"admin\"}), then revoke this one.")),
                _ => Problems.NotFound("There is no active API key with this id in the workspace. List keys with GET /api/v1/api-keys."),
            };
        }).ProducesProblems(StatusCodes.Status404NotFound, StatusCodes.Status409Conflict).WithName("RevokeApiKey").WithSummary("Revoke an API key; it stops working at once (the last active admin key cannot be revoked)");
        return api;
    }
}

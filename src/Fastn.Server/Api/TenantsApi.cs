using Fastn.Server.Errors;
using Fastn.Server.Security;
using Fastn.Storage;
using Fastn.Storage.Workspaces;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/tenants</c>: the workspace's customers.</summary>
public static class TenantsApi
{
    /// <summary>A new tenant.</summary>
    /// <param name="Id">Your id for the customer (e.g. <c>customer-42</c>).</param>
    /// <param name="Name">A display name.</param>
    public sealed record CreateTenant(string? Id, string? Name);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapTenantsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tenants").WithTags("Tenants");
        group.MapGet("/", async (HttpContext http, WorkspaceStore store, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            caller.RequireWorkspaceKey();
            var tenants = await store.ListTenantsAsync(caller.WorkspaceId, ct);
            return Results.Ok(tenants.Select(t => new { id = t.Id, name = t.Name, createdAt = t.CreatedAt }));
        }).WithName("ListTenants").WithSummary("List the workspace's tenants");

        group.MapPost("/", async (HttpContext http, WorkspaceStore store, CreateTenant? body, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            caller.RequireWorkspaceKey();
            if (body?.Id is not { } id || TenantId.Validate(id) is not null)
            {
                return Problems.Validation($"'id' {(body?.Id is null ? "is required" : TenantId.Validate(body.Id))}: use {TenantId.Rule}.", "$.id");
            }

            if (DisplayText.Validate(body.Name) is { } nameError)
            {
                return Problems.Validation($"'name' {nameError}.", "$.name");
            }

            try
            {
                var tenant = await store.CreateTenantAsync(caller.WorkspaceId, id, body.Name, ct);
                return Results.Created($"/api/v1/tenants/{tenant.Id}", new { id = tenant.Id, name = tenant.Name, createdAt = tenant.CreatedAt });
            }
            catch (DuplicateKeyException)
            {
                return Problems.From(Engine.Errors.FastnException.Conflict($"Tenant '{id}' already exists."));
            }
        }).WithName("CreateTenant").WithSummary("Create a tenant (one of your customers)");

        group.MapGet("/{id}", async (HttpContext http, WorkspaceStore store, string id, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            if (caller.TenantScopedKey && caller.TenantId != id)
            {
                return Problems.NotFound($"Tenant '{id}' does not exist.");
            }

            return await store.GetTenantAsync(caller.WorkspaceId, id, ct) is { } t
                ? Results.Ok(new { id = t.Id, name = t.Name, createdAt = t.CreatedAt })
                : Problems.NotFound($"Tenant '{id}' does not exist.");
        }).WithName("GetTenant").WithSummary("Get a tenant");
        return api;
    }
}

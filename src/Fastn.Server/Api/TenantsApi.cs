using Fastn.Server.Errors;
using Fastn.Server.Security;
using Fastn.Storage;
using Fastn.Storage.Workspaces;
using Fastn.Server.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fastn.Server.Api;

/// <summary><c>/api/v1/tenants</c>: the workspace's customers.</summary>
public static class TenantsApi
{
    /// <summary>A new tenant.</summary>
    /// <param name="Id">Your id for the customer (e.g. <c>customer-42</c>).</param>
    /// <param name="Name">A display name.</param>
    public sealed record CreateTenant(string? Id, string? Name);

    /// <summary>One of the workspace's customers.</summary>
    /// <param name="Id">Your id for the customer.</param>
    /// <param name="Name">A display name.</param>
    /// <param name="CreatedAt">When it was created.</param>
    public sealed record Tenant(string Id, string Name, DateTimeOffset CreatedAt);

    /// <summary>Maps the endpoints.</summary>
    public static RouteGroupBuilder MapTenantsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tenants").WithTags("Tenants");
        group.MapGet("/", async (HttpContext http, WorkspaceStore store, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            caller.RequireWorkspaceKey();
            var tenants = await store.ListTenantsAsync(caller.WorkspaceId, ct);
            return TypedResults.Ok(tenants.Select(View).ToList());
        }).WithName("ListTenants").WithSummary("List the workspace's tenants");

        group.MapPost("/", async Task<Results<Created<Tenant>, ProblemResult>> (HttpContext http, WorkspaceStore store, CreateTenant? body, CancellationToken ct) =>
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
                return TypedResults.Created($"/api/v1/tenants/{tenant.Id}", View(tenant));
            }
            catch (DuplicateKeyException)
            {
                return Problems.From(Engine.Errors.FastnException.Conflict($"Tenant '{id}' already exists."));
            }
        }).ProducesProblems(StatusCodes.Status409Conflict).WithName("CreateTenant").WithSummary("Create a tenant (one of your customers)");

        group.MapGet("/{id}", async Task<Results<Ok<Tenant>, ProblemResult>> (HttpContext http, WorkspaceStore store, string id, CancellationToken ct) =>
        {
            var caller = CallerContext.Of(http);
            if (caller.TenantScopedKey && caller.TenantId != id)
            {
                return Problems.NotFound($"Tenant '{id}' does not exist.");
            }

            return await store.GetTenantAsync(caller.WorkspaceId, id, ct) is { } t
                ? TypedResults.Ok(View(t))
                : Problems.NotFound($"Tenant '{id}' does not exist.");
        }).ProducesProblems(StatusCodes.Status404NotFound).WithName("GetTenant").WithSummary("Get a tenant");
        return api;
    }

    private static Tenant View(Storage.Workspaces.Tenant t) => new(t.Id, t.Name, t.CreatedAt);
}

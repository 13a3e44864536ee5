using Fastn.Engine.Errors;
using Fastn.Storage;
using Fastn.Storage.Workspaces;

namespace Fastn.Server.Security;

/// <summary>
/// After authorization: turns the principal and the <c>x-fastn-space-tenantid</c> header into the request's
/// <see cref="CallerContext"/>, and narrows the store's tenant scope to it.
/// </summary>
internal sealed class CallerScopeFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headerTenant = http.Request.Headers[CallerContext.TenantHeader].FirstOrDefault();
        if (headerTenant is not null && TenantId.Validate(headerTenant) is { } error)
        {
            throw FastnException.Validation($"'{CallerContext.TenantHeader}' {error}: use {TenantId.Rule}.", CallerContext.TenantHeader);
        }

        var caller = FastnPrincipal.ToCaller(http.User, headerTenant)
            ?? throw FastnException.Unauthenticated("The request is not authenticated.");
        if (caller.TenantScopedKey && headerTenant is not null && headerTenant != caller.TenantId)
        {
            throw FastnException.Forbidden($"This API key is scoped to tenant '{caller.TenantId}' and cannot act for '{headerTenant}'.");
        }

        http.Items[CallerContext.ItemKey] = caller;
        http.RequestServices.GetRequiredService<TenantScope>().Set(caller.WorkspaceId, caller.TenantId);
        return next(context);
    }
}

using System.Text.RegularExpressions;
using Fastn.Engine.Errors;
using Fastn.Storage;
using Fastn.Storage.ApiKeys;

namespace Fastn.Server.Security;

/// <summary>
/// Authenticates every <c>/api/v1</c> request by API key (<c>Authorization: Bearer fk_…</c> or
/// <c>x-fastn-api-key</c>), resolves workspace and tenant, and narrows the store's tenant scope to them.
/// </summary>
public sealed partial class ApiKeyFilter : IEndpointFilter
{
    /// <summary>Where the caller is kept on the request.</summary>
    public const string ItemKey = "fastn.caller";

    /// <inheritdoc />
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var presented = PresentedKey(http.Request);
        if (presented is null)
        {
            throw FastnProblemException.Unauthenticated("Send your API key as 'Authorization: Bearer fk_…' or in the 'x-fastn-api-key' header. The admin key is printed at first start and kept in data/admin-api-key.");
        }

        var key = await http.RequestServices.GetRequiredService<ApiKeyStore>().FindAsync(presented, http.RequestAborted)
            ?? throw FastnProblemException.Unauthenticated("The API key is unknown or revoked. Create a new one with POST /api/v1/api-keys using a valid key.");

        var headerTenant = http.Request.Headers[CallerContext.TenantHeader].FirstOrDefault();
        if (headerTenant is not null && !TenantIdPattern().IsMatch(headerTenant))
        {
            throw FastnProblemException.Validation($"'{CallerContext.TenantHeader}' must be 1–128 characters of letters, digits, '-', '_', '.', ':' or '@'.", CallerContext.TenantHeader);
        }

        if (key.TenantId is not null && headerTenant is not null && headerTenant != key.TenantId)
        {
            throw FastnProblemException.Forbidden($"This API key is scoped to tenant '{key.TenantId}' and cannot act for '{headerTenant}'.");
        }

        var isAdmin = key.TenantId is null && key.Scopes.Split(' ', ',').Contains("admin", StringComparer.Ordinal);
        var caller = new CallerContext(key.WorkspaceId, key.TenantId ?? headerTenant, key.Id, key.TenantId is not null, isAdmin);
        http.Items[ItemKey] = caller;
        var scope = http.RequestServices.GetRequiredService<TenantScope>();
        scope.Set(caller.WorkspaceId, caller.TenantId);
        return await next(context);
    }

    /// <summary>The caller of a request that passed this filter.</summary>
    public static CallerContext Caller(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[ItemKey] as CallerContext ?? throw FastnProblemException.Unauthenticated("The request is not authenticated.");
    }

    private static string? PresentedKey(HttpRequest request)
    {
        var header = request.Headers["x-fastn-api-key"].FirstOrDefault();
        if (!string.IsNullOrWhiteSpace(header))
        {
            return header.Trim();
        }

        var authorization = request.Headers.Authorization.FirstOrDefault();
        return authorization is not null && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? authorization["Bearer ".Length..].Trim()
            : null;
    }

    [GeneratedRegex("^[A-Za-z0-9_.:@-]{1,128}$")]
    private static partial Regex TenantIdPattern();
}

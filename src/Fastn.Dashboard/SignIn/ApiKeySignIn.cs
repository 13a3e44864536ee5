using System.Security.Claims;
using Fastn.Storage;
using Fastn.Storage.ApiKeys;
using Fastn.Storage.Workspaces;
using Microsoft.Extensions.Options;

namespace Fastn.Dashboard.SignIn;

/// <summary>
/// Verifies a presented API key with the same store and rules as the API's key handler, and re-checks a signed-in
/// key so that revoking it ends its dashboard sessions.
/// </summary>
internal sealed class ApiKeySignIn(IServiceScopeFactory scopes, IOptions<DashboardOptions> options)
{
    /// <summary>The principal of a valid key, or the reason it is refused.</summary>
    public async Task<(ClaimsPrincipal? Principal, string? Error)> VerifyAsync(string? presented, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(presented))
        {
            return (null, "Enter your API key (it starts with fk_).");
        }

        await using var scope = scopes.CreateAsyncSystemScope("dashboard sign-in: the key is what names the workspace");
        var key = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().FindAsync(presented.Trim(), cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return (null, "This API key is unknown or revoked. Use the admin key printed at first start (saved in data/admin-api-key), or a key an admin created.");
        }

        // As the API: a key stored with a bad tenant is refused, never widened to the workspace; a tenant key is a member.
        if (key.TenantId is not null && TenantId.Validate(key.TenantId) is not null)
        {
            return (null, "This API key is scoped to an invalid tenant id and is refused. Revoke it and create a new tenant-scoped key.");
        }

        var role = key.TenantId is null ? key.Role : ApiKeyRole.Member;
        var create = options.Value.CreatePrincipal ?? throw new InvalidOperationException($"{nameof(DashboardOptions)}.{nameof(DashboardOptions.CreatePrincipal)} is not set.");
        return (create(key.WorkspaceId, key.TenantId, key.Id, role, DashboardAuthentication.CookieScheme), null);
    }

    /// <summary>Whether the session's key still exists unrevoked with the same workspace, tenant scope and role.</summary>
    public async Task<bool> IsActiveAsync(DashboardIdentity identity, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantScope>().Set(identity.WorkspaceId);
        var keys = await scope.ServiceProvider.GetRequiredService<ApiKeyStore>().ListAsync(identity.WorkspaceId, cancellationToken).ConfigureAwait(false);
        return keys.Any(k => k.Id == identity.KeyId && k.RevokedAt is null && k.TenantId == identity.KeyTenantId
            && (k.TenantId is null ? k.Role : ApiKeyRole.Member) == identity.Role);
    }
}

using System.Security.Claims;
using Fastn.Storage.ApiKeys;
using Fastn.Storage.Workspaces;

namespace Fastn.Server.Security;

/// <summary>
/// Builds and reads the one Fastn identity: workspace, optional tenant, key id and role. The API key scheme uses it
/// today; the dashboard's cookie sign-in and <c>/mcp</c> build the same principal so the same policies apply.
/// </summary>
public static class FastnPrincipal
{
    /// <summary>The role claim value of <see cref="ApiKeyRole.Admin"/>.</summary>
    public const string AdminRole = "admin";

    /// <summary>The role claim value of <see cref="ApiKeyRole.Member"/>.</summary>
    public const string MemberRole = "member";

    /// <summary>The principal of a caller; <paramref name="tenantId"/> limits it to one tenant (never an admin then).</summary>
    /// <exception cref="ArgumentException">The tenant id breaks <see cref="TenantId"/>'s rule, or a tenant-limited caller is an admin.</exception>
    public static ClaimsPrincipal Create(string workspaceId, string? tenantId, string keyId, ApiKeyRole role, string authenticationType)
    {
        ArgumentException.ThrowIfNullOrEmpty(workspaceId);
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(authenticationType);
        if (tenantId is not null)
        {
            TenantId.EnsureValid(tenantId, nameof(tenantId));
            if (role == ApiKeyRole.Admin)
            {
                throw new ArgumentException("A caller limited to one tenant cannot be an admin.", nameof(role));
            }
        }

        var claims = new List<Claim>
        {
            new(FastnClaims.Workspace, workspaceId),
            new(FastnClaims.KeyId, keyId),
            new(ClaimTypes.NameIdentifier, keyId),
            new(ClaimTypes.Role, RoleName(role)),
        };
        if (tenantId is not null)
        {
            claims.Add(new Claim(FastnClaims.Tenant, tenantId));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.NameIdentifier, ClaimTypes.Role));
    }

    /// <summary>The role claim value of a role.</summary>
    public static string RoleName(ApiKeyRole role) => role switch
    {
        ApiKeyRole.Admin => AdminRole,
        ApiKeyRole.Member => MemberRole,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    /// <summary>Parses a role name (<c>admin</c> or <c>member</c>, any case).</summary>
    public static bool TryParseRole(string? name, out ApiKeyRole role)
    {
        role = ApiKeyRole.Member;
        if (string.Equals(name, AdminRole, StringComparison.OrdinalIgnoreCase))
        {
            role = ApiKeyRole.Admin;
            return true;
        }

        return string.Equals(name, MemberRole, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The caller a principal describes, or <see langword="null"/> when it is not a complete Fastn principal.</summary>
    /// <param name="principal">The authenticated user.</param>
    /// <param name="requestedTenant">The tenant the request names (the <c>x-fastn-space-tenantid</c> header), already validated.</param>
    public static CallerContext? ToCaller(ClaimsPrincipal principal, string? requestedTenant)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var workspace = principal.FindFirst(FastnClaims.Workspace)?.Value;
        var keyId = principal.FindFirst(FastnClaims.KeyId)?.Value;
        if (principal.Identity?.IsAuthenticated != true || string.IsNullOrEmpty(workspace) || string.IsNullOrEmpty(keyId))
        {
            return null;
        }

        var keyTenant = principal.FindFirst(FastnClaims.Tenant)?.Value;
        var role = principal.IsInRole(AdminRole) && keyTenant is null ? ApiKeyRole.Admin : ApiKeyRole.Member;
        return new CallerContext(workspace, keyTenant ?? requestedTenant, keyId, keyTenant is not null, role);
    }
}

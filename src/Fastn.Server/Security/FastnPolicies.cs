using Microsoft.AspNetCore.Authorization;

namespace Fastn.Server.Security;

/// <summary>The authorization policies of <c>/api/v1</c> (and later <c>/mcp</c> and the dashboard).</summary>
public static class FastnPolicies
{
    /// <summary>Any key of the workspace, tenant-scoped or not.</summary>
    public const string Member = "member";

    /// <summary>A workspace-wide key with the <c>admin</c> role.</summary>
    public const string Admin = "admin";

    /// <summary>What a refused non-admin caller is told.</summary>
    public const string AdminDenial =
        "Managing API keys, the vault, OAuth apps, workspace settings and redirect URLs needs an admin API key. "
        + "Use the admin key created at first start (saved in data/admin-api-key), or create one with POST /api/v1/api-keys {\"role\":\"admin\"} using an admin key. "
        + "If every admin key is lost, an operator on the server runs 'Fastn.Server admin create-key --data <data directory>'.";

    /// <summary>Registers the API key scheme, the policies, and problem+json answers for 401 and 403.</summary>
    public static IServiceCollection AddFastnAuthorization(this IServiceCollection services)
    {
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Member, p => p.AddRequirements(new FastnRequirement(requireAdmin: false,
                "This endpoint needs an API key of the workspace.")))
            .AddPolicy(Admin, p => p.AddRequirements(new FastnRequirement(requireAdmin: true, AdminDenial)));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return services;
    }
}

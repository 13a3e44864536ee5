using Microsoft.AspNetCore.Authorization;

namespace Fastn.Server.Security;

/// <summary>A policy requirement on a Fastn principal that carries the message a refused caller gets.</summary>
internal sealed class FastnRequirement(bool requireAdmin, string denial) : AuthorizationHandler<FastnRequirement>, IAuthorizationRequirement
{
    /// <summary>The problem detail when the requirement fails for an authenticated caller.</summary>
    public string Denial { get; } = denial;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, FastnRequirement requirement)
    {
        if (FastnPrincipal.ToCaller(context.User, requestedTenant: null) is { } caller && (!requirement._requireAdmin || caller.IsAdmin))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }

    private readonly bool _requireAdmin = requireAdmin;
}

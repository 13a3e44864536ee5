using Fastn.Engine.Errors;
using Fastn.Server.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Fastn.Server.Security;

/// <summary>Answers a refused request with problem+json: 401 via the scheme's challenge, 403 with the failed requirement's reason.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true)
        {
            var denial = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<FastnRequirement>().FirstOrDefault()?.Denial
                ?? "This API key may not do this.";
            await Problems.From(FastnException.Forbidden(denial)).ExecuteAsync(context);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

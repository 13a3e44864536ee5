using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Fastn.Samples.Acme.Api;

/// <summary><c>GET /api/v1/me</c>: the account the token acts for, and the token's scopes.</summary>
internal static class AcmeMeEndpoints
{
    public static void MapAcmeMe(this IEndpointRouteBuilder api) =>
        api.MapGet("/me", (HttpContext context, AcmeState state) =>
        {
            var token = AcmeApiFilter.GetToken(context);
            var account = state.Account;
            return AcmeResults.Json(new
            {
                id = account.Id,
                email = account.Email,
                name = account.Name,
                company_name = account.CompanyName,
                scopes = token.Scopes,
            });
        });
}

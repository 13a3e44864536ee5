using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Fastn.Sandbox.Vendors.Xero.Api;

/// <summary>What Xero checks before any Accounting API call: the bearer token, the <c>xero-tenant-id</c>, the rate limits.</summary>
internal sealed class XeroApiFilter(XeroSimulation sim) : IEndpointFilter
{
    public const string OrganisationKey = "xero.organisation";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var grant = sim.Authenticate(http.Request.Headers.Authorization.ToString());
        if (grant is null)
        {
            return Unauthorized(http);
        }

        var tenantId = http.Request.Headers["xero-tenant-id"].ToString();
        var organisation = sim.Find(tenantId);
        if (organisation is null || !grant.Tenants.Contains(tenantId))
        {
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", "AuthorizationUnsuccessful");
        }

        var (problem, retryAfter, minute, day) = sim.CountCall(tenantId);
        if (problem is not null)
        {
            http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            http.Response.Headers["X-Rate-Limit-Problem"] = problem;
            http.Response.Headers["X-MinLimit-Remaining"] = "0";
            return Results.StatusCode(StatusCodes.Status429TooManyRequests);
        }

        http.Response.Headers["X-MinLimit-Remaining"] = minute.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-DayLimit-Remaining"] = day.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-AppMinLimit-Remaining"] = "9999";
        http.Items[OrganisationKey] = organisation;
        return await next(context);
    }

    public static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Problem(StatusCodes.Status401Unauthorized, "Unauthorized", "AuthenticationUnsuccessful");
    }

    private static IResult Problem(int status, string title, string detail) => Results.Json(new JsonObject
    {
        ["Type"] = null,
        ["Title"] = title,
        ["Status"] = status,
        ["Detail"] = detail,
        ["Instance"] = Guid.NewGuid().ToString(),
        ["Extensions"] = new JsonObject(),
    }, statusCode: status);
}

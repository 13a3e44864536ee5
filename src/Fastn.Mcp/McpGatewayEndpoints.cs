using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Fastn.Mcp;

/// <summary>Maps the MCP gateway.</summary>
public static class McpGatewayEndpoints
{
    /// <summary>
    /// Maps the Streamable HTTP endpoint at <paramref name="pattern"/>. The returned group is where the host adds its
    /// authentication, authorization policy and caller filters: they run before the tenant is resolved here.
    /// </summary>
    public static RouteGroupBuilder MapFastnMcp(this IEndpointRouteBuilder endpoints, string pattern = "/mcp")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // MCP describes itself (tools/list); a JSON-RPC endpoint in the REST OpenAPI document would only mislead.
        var group = endpoints.MapGroup(pattern).ExcludeFromDescription();
        // An inner group's filters run after the outer group's, so the host's caller filter has already run.
        group.MapMcp().AddEndpointFilter((context, next) =>
        {
            var http = context.HttpContext;
            var resolve = http.RequestServices.GetRequiredService<IOptions<McpGatewayOptions>>().Value.ResolveTenant!;
            http.RequestServices.GetRequiredService<McpCaller>().Tenant = resolve(http);
            return next(context);
        });
        // Stateless: no stream to GET, no session to DELETE. Streamable HTTP asks for 405 then, which clients read as
        // "no server stream"; without these the host's fallback page (the dashboard) would answer GET with 404.
        group.MapMethods("", [HttpMethods.Get, HttpMethods.Delete], (HttpContext http) =>
        {
            http.Response.Headers.Allow = HttpMethods.Post;
            return Results.StatusCode(StatusCodes.Status405MethodNotAllowed);
        });
        return group;
    }
}

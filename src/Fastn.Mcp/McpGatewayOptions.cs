using Fastn.Connectors;
using Microsoft.AspNetCore.Http;

namespace Fastn.Mcp;

/// <summary>How the MCP gateway learns whom an <c>/mcp</c> request acts for.</summary>
public sealed class McpGatewayOptions
{
    /// <summary>
    /// The workspace and tenant of an authenticated request, from the host's own identity (the same API key and tenant
    /// header as the REST API). Throw a <see cref="Engine.Errors.FastnException"/> when the request names no tenant: the
    /// host's error handler answers it before any MCP message is read.
    /// </summary>
    public Func<HttpContext, TenantInfo>? ResolveTenant { get; set; }
}

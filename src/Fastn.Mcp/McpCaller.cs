using Fastn.Connectors;

namespace Fastn.Mcp;

/// <summary>The tenant of the current <c>/mcp</c> request, set by the endpoint before the SDK reads the message.</summary>
internal sealed class McpCaller
{
    private TenantInfo? _tenant;

    public TenantInfo Tenant
    {
        get => _tenant ?? throw new InvalidOperationException("No tenant is set for this MCP request: map the gateway with MapFastnMcp, which resolves it.");
        set => _tenant = value;
    }
}
